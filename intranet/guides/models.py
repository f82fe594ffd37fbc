"""Guide profiles, questions, answers, the escalation trail, follows and SLA settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.auth.models import User
from intranet.db_types import UTCDateTime
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

# Question states. The SLA clock runs only while a question is OPEN (waiting for a guide).
OPEN = "open"  # waiting for a guide – clock runs
ASKED_BACK = "asked_back"  # a guide asked back – waiting for the asker, clock stopped
ANSWERED = "answered"  # a guide answered – clock stopped
SOLVED = "solved"  # asker accepted an answer or a guide marked it solved
STATUSES = (OPEN, ASKED_BACK, ANSWERED, SOLVED)

guide_topic = Table(
    "guide_topic",
    db.metadata,
    Column("profile_id", ForeignKey("guide_profile.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)


class GuideProfile(db.Model):
    """What a guide adds to the `guide` role: topics, availability and a deputy."""

    __tablename__ = "guide_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    is_absent: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, onupdate=clock.now)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    deputy: Mapped[User | None] = relationship(foreign_keys=[deputy_id])
    topics: Mapped[list[Topic]] = relationship(secondary=guide_topic, order_by=Topic.name)


class Question(db.Model):
    __tablename__ = "question"
    __table_args__ = (
        Index("ix_question_status_due", "status", "due_at"),
        Index("ix_question_status_warn", "status", "warn_at"),
        Index("ix_question_current_unit", "current_unit_id", "status"),
        # The FAQ lists answered public questions newest first; with this index the database
        # reads the first page in order instead of sorting every answered question.
        Index("ix_question_answered_at", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    # The asker's unit when asking: the route runs from here up the tree.
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    is_private: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    # Where the question is now: a unit whose guides answer it, or the admins (NULL + at_admins).
    current_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    at_admins: Mapped[bool] = mapped_column(default=False)
    level: Mapped[int] = mapped_column(default=0)  # escalation steps taken so far
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NULL = clock stopped
    warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "question_answer.id", use_alter=True, name="fk_question_accepted_answer", ondelete="SET NULL"
        )
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    unit: Mapped[OrgUnit] = relationship(foreign_keys=[unit_id])
    current_unit: Mapped[OrgUnit | None] = relationship(foreign_keys=[current_unit_id])
    topic: Mapped[Topic | None] = relationship()
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
    answers: Mapped[list[QuestionAnswer]] = relationship(
        back_populates="question",
        foreign_keys="QuestionAnswer.question_id",
        order_by="QuestionAnswer.id",
        cascade="all, delete-orphan",
    )
    events: Mapped[list[QuestionEvent]] = relationship(
        back_populates="question", order_by="QuestionEvent.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status != SOLVED


class QuestionAnswer(db.Model):
    """A post on a question: a guide's answer or ask-back, or the asker's reply."""

    __tablename__ = "question_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="answer")  # answer, ask_back, reply
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    question: Mapped[Question] = relationship(back_populates="answers", foreign_keys=[question_id])
    author: Mapped[User] = relationship()


class QuestionEvent(db.Model):
    """The visible trail: asked, routed, claimed, answered, escalated, warned, solved …"""

    __tablename__ = "question_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    level: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    question: Mapped[Question] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
    unit: Mapped[OrgUnit | None] = relationship()


class QuestionFollow(db.Model):
    __tablename__ = "question_follow"
    __table_args__ = (UniqueConstraint("question_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class EscalationSetting(db.Model):
    """SLA per depth of the unit a question sits at (0 = top); missing rows use the default."""

    __tablename__ = "escalation_setting"

    depth: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sla_hours: Mapped[int] = mapped_column(default=48)  # working hours
    warn_hours: Mapped[int] = mapped_column(default=4)  # working hours before the deadline
