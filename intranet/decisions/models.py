"""The decision register: decisions, their revisions, questions, acknowledgements, tokens."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Column, Date, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.auth.models import User
from intranet.db_types import UTCDateTime
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

DRAFT, DECIDED, IMPLEMENTED, REVOKED, SUPERSEDED = (
    "draft",
    "decided",
    "implemented",
    "revoked",
    "superseded",
)
STATUSES = (DRAFT, DECIDED, IMPLEMENTED, REVOKED, SUPERSEDED)
PUBLISHED_STATUSES = (DECIDED, IMPLEMENTED, REVOKED, SUPERSEDED)
STATUS_LABELS = {
    DRAFT: _l("in Vorbereitung"),
    DECIDED: _l("beschlossen"),
    IMPLEMENTED: _l("umgesetzt"),
    REVOKED: _l("aufgehoben"),
    SUPERSEDED: _l("ersetzt"),
}
# Which status a published decision may move to (drafts are published via `publish`).
TRANSITIONS = {
    DECIDED: (IMPLEMENTED, REVOKED, SUPERSEDED),
    IMPLEMENTED: (REVOKED, SUPERSEDED),
    REVOKED: (),
    SUPERSEDED: (),
}
TOKEN_KINDS = ("feed", "api")

decision_unit = Table(
    "decision_unit",
    db.metadata,
    Column("decision_id", ForeignKey("decision.id"), primary_key=True),
    Column("unit_id", ForeignKey("org_unit.id"), primary_key=True, index=True),
)


class Decision(db.Model):
    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_status_effective", "status", "effective_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")  # "Was ändert sich für mich?"
    context: Mapped[str] = mapped_column(Text, default="")
    decision_text: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    consequences: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(300), default="")
    consulted: Mapped[str] = mapped_column(String(500), default="")
    works_council_involved: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[date | None] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date, index=True)
    review_date: Mapped[date | None] = mapped_column(Date)
    # The review date the owner was last reminded of; a new review date re-arms the reminder.
    review_reminded_for: Mapped[date | None] = mapped_column(Date)
    requires_acknowledgement: Mapped[bool] = mapped_column(default=False)
    # Acknowledgements of this revision number or later count; a substantive revision raises it.
    ack_revision: Mapped[int] = mapped_column(default=0)
    ack_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    revision_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    unit: Mapped[OrgUnit] = relationship()
    owner: Mapped[User] = relationship()
    topic: Mapped[Topic | None] = relationship()
    affected_units: Mapped[list[OrgUnit]] = relationship(secondary=decision_unit, order_by=OrgUnit.name)
    alternatives: Mapped[list[DecisionAlternative]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="DecisionAlternative.position"
    )
    superseded_by: Mapped[Decision | None] = relationship(remote_side=[id], back_populates="supersedes")
    supersedes: Mapped[list[Decision]] = relationship(back_populates="superseded_by", order_by="Decision.id")
    questions: Mapped[list[DecisionQuestion]] = relationship(
        back_populates="decision", order_by="DecisionQuestion.created_at"
    )

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def is_published(self) -> bool:
        return self.status != DRAFT

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    def __repr__(self) -> str:
        return f"<Decision {self.id} {self.title!r}>"


class DecisionAlternative(db.Model):
    """An option that was considered, and why it was not chosen."""

    __tablename__ = "decision_alternative"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    why_not: Mapped[str] = mapped_column(Text, default="")

    decision: Mapped[Decision] = relationship(back_populates="alternatives")


class DecisionRevision(db.Model):
    """One published version of a decision: who changed what, when and why (never edited)."""

    __tablename__ = "decision_revision"
    __table_args__ = (UniqueConstraint("decision_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # publish, edit, status
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    is_substantive: Mapped[bool] = mapped_column(default=False)
    snapshot: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    author: Mapped[User] = relationship()


class DecisionFollow(db.Model):
    __tablename__ = "decision_follow"
    __table_args__ = (UniqueConstraint("decision_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class DecisionQuestion(db.Model):
    """A question of a member of staff on a decision, answered by its owner."""

    __tablename__ = "decision_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    decision: Mapped[Decision] = relationship(back_populates="questions")
    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])


class DecisionAcknowledgement(db.Model):
    """'Zur Kenntnis genommen' – valid while revision_number >= decision.ack_revision."""

    __tablename__ = "decision_acknowledgement"
    __table_args__ = (UniqueConstraint("decision_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    revision_number: Mapped[int]
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class DecisionToken(db.Model):
    """A personal secret for feed readers or the API; only its SHA-256 hash is stored."""

    __tablename__ = "decision_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))  # first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
