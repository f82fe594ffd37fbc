"""Training paths ("Lernpfade"): paths with ordered steps, enrolments and progress."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.auth.models import User
from intranet.db_types import UTCDateTime
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

LEVELS = ("einstieg", "aufbau", "vertiefung")
STATUSES = ("draft", "published", "archived")
STEP_KINDS = ("read", "link", "session", "quiz", "practice")
PRACTICE_STATES = ("requested", "confirmed", "feedback")

training_prerequisite = Table(
    "training_prerequisite",
    db.metadata,
    Column("path_id", ForeignKey("training_path.id", ondelete="CASCADE"), primary_key=True),
    Column("required_path_id", ForeignKey("training_path.id", ondelete="CASCADE"), primary_key=True),
)


class TrainingPath(db.Model):
    __tablename__ = "training_path"
    __table_args__ = (Index("ix_training_path_status_level", "status", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(12), default="einstieg")
    audience: Mapped[str] = mapped_column(String(300), default="")
    estimated_minutes: Mapped[int] = mapped_column(default=30)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    is_sequential: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, onupdate=clock.now)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    topic: Mapped[Topic | None] = relationship()
    author: Mapped[User | None] = relationship()
    steps: Mapped[list[TrainingStep]] = relationship(
        back_populates="path", order_by="TrainingStep.position", cascade="all, delete-orphan"
    )
    prerequisites: Mapped[list[TrainingPath]] = relationship(
        secondary=training_prerequisite,
        primaryjoin="TrainingPath.id == training_prerequisite.c.path_id",
        secondaryjoin="TrainingPath.id == training_prerequisite.c.required_path_id",
        order_by="TrainingPath.title",
    )

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    def __repr__(self) -> str:
        return f"<TrainingPath {self.id} {self.title!r}>"


class TrainingStep(db.Model):
    __tablename__ = "training_step"
    __table_args__ = (Index("ix_training_step_path_position", "path_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("training_path.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    pass_mark: Mapped[int] = mapped_column(default=80)  # percent of questions right
    session_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_place: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int] = mapped_column(default=0)
    # Raised only by one atomic conditional UPDATE (seats_taken < capacity).
    seats_taken: Mapped[int] = mapped_column(default=0)
    # Set when an editor marks a change as relevant: earlier completers see "aktualisiert".
    content_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    path: Mapped[TrainingPath] = relationship(back_populates="steps")
    questions: Mapped[list[TrainingQuestion]] = relationship(
        back_populates="step", order_by="TrainingQuestion.position", cascade="all, delete-orphan"
    )

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class TrainingQuestion(db.Model):
    __tablename__ = "training_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("training_step.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    text: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[str] = mapped_column(String(1000), default="")

    step: Mapped[TrainingStep] = relationship(back_populates="questions")
    options: Mapped[list[TrainingAnswerOption]] = relationship(
        back_populates="question",
        order_by="TrainingAnswerOption.position",
        cascade="all, delete-orphan",
    )


class TrainingAnswerOption(db.Model):
    __tablename__ = "training_answer_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("training_question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=1)
    text: Mapped[str] = mapped_column(String(300))
    is_correct: Mapped[bool] = mapped_column(default=False)

    question: Mapped[TrainingQuestion] = relationship(back_populates="options")


class TrainingAssignment(db.Model):
    """Leadership assigned a path to a unit and its sub-units, with a due date."""

    __tablename__ = "training_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("training_path.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    path: Mapped[TrainingPath] = relationship()
    unit: Mapped[OrgUnit] = relationship()


class TrainingEnrolment(db.Model):
    __tablename__ = "training_enrolment"
    __table_args__ = (
        UniqueConstraint("path_id", "user_id"),
        Index("ix_training_enrolment_due", "completed_at", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("training_path.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_assignment.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_step_id: Mapped[int | None] = mapped_column(ForeignKey("training_step.id", ondelete="SET NULL"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    path: Mapped[TrainingPath] = relationship()
    user: Mapped[User] = relationship()
    completions: Mapped[list[TrainingStepCompletion]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan"
    )


class TrainingStepCompletion(db.Model):
    __tablename__ = "training_step_completion"
    __table_args__ = (UniqueConstraint("enrolment_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("training_enrolment.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("training_step.id", ondelete="CASCADE"), index=True)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    enrolment: Mapped[TrainingEnrolment] = relationship(back_populates="completions")


class TrainingSessionSeat(db.Model):
    """One place in an in-person session; the unique constraint stops double sign-ups."""

    __tablename__ = "training_session_seat"
    __table_args__ = (UniqueConstraint("step_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("training_step.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class TrainingPracticeRequest(db.Model):
    """A learner asks a guide of their unit to confirm practice on the job."""

    __tablename__ = "training_practice_request"
    __table_args__ = (UniqueConstraint("enrolment_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("training_enrolment.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("training_step.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="requested")
    note: Mapped[str] = mapped_column(String(1000), default="")
    feedback: Mapped[str] = mapped_column(String(1000), default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    enrolment: Mapped[TrainingEnrolment] = relationship()
    step: Mapped[TrainingStep] = relationship()
    decided_by: Mapped[User | None] = relationship()


class TrainingReminder(db.Model):
    """A reminder sent for one enrolment and threshold; the unique pair makes it exactly-once."""

    __tablename__ = "training_reminder"
    __table_args__ = (UniqueConstraint("enrolment_id", "days_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("training_enrolment.id", ondelete="CASCADE"))
    days_before: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
