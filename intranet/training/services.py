"""Training path services: enrolment, progress, sessions, quizzes, practice, assignments."""

from __future__ import annotations

from sqlalchemy import select

from intranet.extensions import db
from intranet.training.models import TrainingEnrolment


def has_completed_path(user, path) -> bool:
    """True if the user has completed every step of the path."""
    if user is None or path is None or not getattr(user, "id", None):
        return False
    return db.session.scalar(
        select(TrainingEnrolment.id).where(
            TrainingEnrolment.path_id == path.id, TrainingEnrolment.user_id == user.id,
            TrainingEnrolment.completed_at.is_not(None),
        )
    ) is not None
