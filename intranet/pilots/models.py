"""Pilot projects, their dates and sign-ups (confirmed or on the waitlist)."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.auth.models import User
from intranet.db_types import UTCDateTime
from intranet.decisions.models import Decision
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.training.models import TrainingPath

STATUSES = ("planned", "open", "running", "evaluation", "done")
STATUS_LABELS = {
    "planned": _l("geplant"),
    "open": _l("Anmeldung offen"),
    "running": _l("läuft"),
    "evaluation": _l("Auswertung"),
    "done": _l("abgeschlossen"),
}
# A sign-up is "active" while it holds a place or a waitlist position.
CONFIRMED, WAITLISTED, WITHDRAWN, REMOVED = "confirmed", "waitlisted", "withdrawn", "removed"
ACTIVE = (CONFIRMED, WAITLISTED)
# Until the evaluation starts, people may leave a pilot themselves; from then on results can be published.
WITHDRAWABLE = ("planned", "open", "running")
WITH_RESULTS = ("evaluation", "done")


class Pilot(db.Model):
    __tablename__ = "pilot"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("confirmed_count >= 0", name="confirmed_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    goal: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    signup_deadline: Mapped[date | None] = mapped_column(Date)
    is_signup_closed: Mapped[bool] = mapped_column(default=False)
    # A training path that must be completed before signing up (optional).
    required_path_id: Mapped[int | None] = mapped_column(ForeignKey("training_path.id"), index=True)
    capacity: Mapped[int] = mapped_column(default=10)
    # Changed only by atomic conditional UPDATEs in services/signups.py, never in Python.
    confirmed_count: Mapped[int] = mapped_column(default=0)
    waitlist_seq: Mapped[int] = mapped_column(default=0)
    results_summary: Mapped[str] = mapped_column(Text, default="")
    results_worked: Mapped[str] = mapped_column(Text, default="")
    results_not_worked: Mapped[str] = mapped_column(Text, default="")
    results_recommendation: Mapped[str] = mapped_column(Text, default="")
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What followed the pilot: a decision and/or a training path.
    result_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    result_path_id: Mapped[int | None] = mapped_column(ForeignKey("training_path.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, onupdate=clock.now)

    unit: Mapped[OrgUnit] = relationship()
    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    required_path: Mapped[TrainingPath | None] = relationship(foreign_keys=[required_path_id])
    result_decision: Mapped[Decision | None] = relationship(foreign_keys=[result_decision_id])
    result_path: Mapped[TrainingPath | None] = relationship(foreign_keys=[result_path_id])
    dates: Mapped[list[PilotDate]] = relationship(
        back_populates="pilot", cascade="all, delete-orphan", order_by="PilotDate.starts_at"
    )
    signups: Mapped[list[PilotSignup]] = relationship(back_populates="pilot")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def has_results(self) -> bool:
        return self.results_published_at is not None

    def __repr__(self) -> str:
        return f"<Pilot {self.id} {self.title!r}>"


class PilotDate(db.Model):
    """An appointment of a pilot (kick-off, workshop, review); exported as iCal."""

    __tablename__ = "pilot_date"

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(String(160), default="")

    pilot: Mapped[Pilot] = relationship(back_populates="dates")


class PilotSignup(db.Model):
    """One person's sign-up; one row per person and pilot, reused when they sign up again."""

    __tablename__ = "pilot_signup"
    __table_args__ = (
        UniqueConstraint("pilot_id", "user_id"),
        # NULL for everyone not waiting, so only waiting people compete for positions.
        UniqueConstraint("pilot_id", "waitlist_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    waitlist_position: Mapped[int | None] = mapped_column()
    motivation: Mapped[str] = mapped_column(Text, default="")
    removal_reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pilot: Mapped[Pilot] = relationship(back_populates="signups")
    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE
