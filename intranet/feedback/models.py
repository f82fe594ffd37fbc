"""Feedback board: posts, comments, supports, follows, reports, status changes.

The anonymity model (see also docs in services.py):

* Posts and comments store only a calendar date (`created_on`, a `Date` column), for named
  and anonymous content alike, so a timestamp can never single out an anonymous author.
* Their primary keys are random (not autoincrement): the id order reveals nothing about when
  a row was written relative to audit entries, notifications or other posts. On SQLite the
  column is `INTEGER PRIMARY KEY`, so the hidden rowid is the random id as well.
* An anonymous post or comment has `author_id = NULL` and nothing else about its author. The
  poster's way back is a random secret whose SHA-256 hash is stored (`secret_hash`), never
  the user.
* Supports: a named support is a `feedback_support` row (unique per post and person, can be
  withdrawn, gets status notifications). An anonymous support stores no row at all: it only
  increments `feedback_post.anonymous_support_count`. `support_count` is the total shown and
  sorted by. Follows, reports and status changes are always named.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.auth.models import User
from intranet.db_types import UTCDateTime
from intranet.decisions.models import Decision
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.pilots.models import Pilot
from intranet.topics.models import Topic

KINDS = ("lesson", "idea", "concern", "praise")
STATUSES = ("new", "seen", "in_progress", "done", "declined")
FINAL_STATUSES = ("done", "declined")

# INTEGER: on SQLite the id then *is* the rowid (no hidden insert order); 32 bits because
# audit entries and notifications reference objects by INTEGER ids.
RandomId = Integer()
RANDOM_ID_LIMIT = 2**31 - 1


def random_id() -> int:
    """A random positive 31-bit id; callers make sure it is not taken (see services)."""
    return secrets.randbelow(RANDOM_ID_LIMIT - 1) + 1


class FeedbackPost(db.Model):
    __tablename__ = "feedback_post"
    __table_args__ = (
        Index("ix_feedback_post_board_new", "is_hidden", "created_on"),
        Index("ix_feedback_post_board_support", "is_hidden", "support_count"),
    )

    id: Mapped[int] = mapped_column(RandomId, primary_key=True, autoincrement=False, default=random_id)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text, default="")
    # The blameless template of a lesson learned ("Lernerfahrung / Fehler").
    what_happened: Mapped[str] = mapped_column(Text, default="")
    what_helped: Mapped[str] = mapped_column(Text, default="")
    what_learned: Mapped[str] = mapped_column(Text, default="")
    what_prevents: Mapped[str] = mapped_column(Text, default="")
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"), index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    created_on: Mapped[date] = mapped_column(Date, default=clock.local_today)
    status: Mapped[str] = mapped_column(String(12), default="new", index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    support_count: Mapped[int] = mapped_column(default=0)
    anonymous_support_count: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    open_report_count: Mapped[int] = mapped_column(default=0)
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # "Ihr habt gesagt – wir haben gehandelt": the decision or pilot that answered this post.
    linked_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    linked_pilot_id: Mapped[int | None] = mapped_column(ForeignKey("pilot.id"), index=True)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id])
    unit: Mapped[OrgUnit | None] = relationship()
    topic: Mapped[Topic | None] = relationship()
    linked_decision: Mapped[Decision | None] = relationship()
    linked_pilot: Mapped[Pilot | None] = relationship()

    def __repr__(self) -> str:
        return f"<FeedbackPost {self.id} {self.kind}>"


class FeedbackComment(db.Model):
    __tablename__ = "feedback_comment"
    __table_args__ = (UniqueConstraint("post_id", "position"),)

    id: Mapped[int] = mapped_column(RandomId, primary_key=True, autoincrement=False, default=random_id)
    post_id: Mapped[int] = mapped_column(ForeignKey("feedback_post.id"), index=True)
    # Order within the thread (1, 2, 3 …) – no clock time, see the module docstring.
    position: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    # True for a reply the anonymous poster wrote through their secret link.
    is_from_post_author: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_on: Mapped[date] = mapped_column(Date, default=clock.local_today)

    author: Mapped[User | None] = relationship()


class FeedbackSupport(db.Model):
    """A named "Betrifft mich auch"; anonymous supports are only a counter on the post."""

    __tablename__ = "feedback_support"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("feedback_post.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)


class FeedbackFollow(db.Model):
    __tablename__ = "feedback_follow"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("feedback_post.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)


class FeedbackReport(db.Model):
    __tablename__ = "feedback_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("feedback_post.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])


class FeedbackStatusChange(db.Model):
    """One official answer: who set which status when, and why."""

    __tablename__ = "feedback_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("feedback_post.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    answer: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)

    actor: Mapped[User] = relationship()
    post: Mapped[FeedbackPost] = relationship()
