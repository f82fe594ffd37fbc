"""Every read of the training paths that views need: load-or-404, the catalogue, lists, look-ups."""

from __future__ import annotations

from flask import abort
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from intranet.auth.models import User
from intranet.extensions import db
from intranet.org.services import org_tree
from intranet.training.models import (
    LEVELS,
    TrainingAssignment,
    TrainingEnrolment,
    TrainingPath,
    TrainingPracticeRequest,
    TrainingQuestion,
    TrainingSessionSeat,
    TrainingStep,
)

CATALOGUE_VIEWS = ("", "unit", "assigned", "mine", "drafts")


def get_path_or_404(path_id: int) -> TrainingPath:
    """The path with steps, questions, answers, prerequisites and topic, or 404."""
    path = db.session.scalar(
        select(TrainingPath)
        .where(TrainingPath.id == path_id)
        .options(
            selectinload(TrainingPath.steps)
            .selectinload(TrainingStep.questions)
            .selectinload(TrainingQuestion.options),
            selectinload(TrainingPath.prerequisites),
            selectinload(TrainingPath.topic),
        )
    )
    if path is None:
        abort(404)
    return path


def get_step_or_404(path: TrainingPath, step_id: int) -> TrainingStep:
    """A step of this path (a step of another path is a 404)."""
    step = next((s for s in path.steps if s.id == step_id), None)
    if step is None:
        abort(404)
    return step


def get_question_or_404(step: TrainingStep, question_id: int) -> TrainingQuestion:
    """A question of this quiz step (a question of another step is a 404)."""
    question = next((q for q in step.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    return question


def get_enrolment_or_404(enrolment_id: int) -> TrainingEnrolment:
    enrolment = db.session.get(TrainingEnrolment, enrolment_id)
    if enrolment is None:
        abort(404)
    return enrolment


def get_practice_request_or_404(request_id: int) -> TrainingPracticeRequest:
    """A practice request with its learner (whose unit decides who may confirm it)."""
    practice = db.session.scalar(
        select(TrainingPracticeRequest)
        .where(TrainingPracticeRequest.id == request_id)
        .options(selectinload(TrainingPracticeRequest.enrolment).selectinload(TrainingEnrolment.user))
    )
    if practice is None:
        abort(404)
    return practice


def find_enrolment(user, path) -> TrainingEnrolment | None:
    """The user's own enrolment in the path, with its completed steps."""
    return db.session.scalar(
        select(TrainingEnrolment)
        .options(selectinload(TrainingEnrolment.completions))
        .where(TrainingEnrolment.path_id == path.id, TrainingEnrolment.user_id == user.id)
    )


def missing_prerequisites(user, path: TrainingPath) -> list[TrainingPath]:
    """Prerequisite paths the user has not completed yet."""
    required = [p.id for p in path.prerequisites]
    if not required:
        return []
    done = set(
        db.session.scalars(
            select(TrainingEnrolment.path_id).where(
                TrainingEnrolment.user_id == user.id,
                TrainingEnrolment.path_id.in_(required),
                TrainingEnrolment.completed_at.is_not(None),
            )
        )
    )
    return [p for p in path.prerequisites if p.id not in done]


def find_seat(user, step) -> TrainingSessionSeat | None:
    """The user's place in a session step, if they hold one."""
    return db.session.scalar(
        select(TrainingSessionSeat).where(
            TrainingSessionSeat.step_id == step.id, TrainingSessionSeat.user_id == user.id
        )
    )


def find_practice_request(enrolment, step) -> TrainingPracticeRequest | None:
    """The learner's request for confirmation of a practice step, if any."""
    if enrolment is None:
        return None
    return db.session.scalar(
        select(TrainingPracticeRequest).where(
            TrainingPracticeRequest.enrolment_id == enrolment.id,
            TrainingPracticeRequest.step_id == step.id,
        )
    )


def catalogue(
    user,
    *,
    show: str = "",
    level: str = "",
    topic_id: int = 0,
    search: str = "",
    may_see_drafts: bool = False,
    sees_every_draft: bool = False,
):
    """The catalogue's query: published paths (or the editor's drafts and archive), filtered."""
    if show == "drafts" and may_see_drafts:
        query = select(TrainingPath).where(TrainingPath.status != "published")
        if not sees_every_draft:
            query = query.where(TrainingPath.author_id == user.id)
    else:
        query = select(TrainingPath).where(TrainingPath.status == "published")
    if level in LEVELS:
        query = query.where(TrainingPath.level == level)
    if topic_id:
        query = query.where(TrainingPath.topic_id == topic_id)
    if search := (search or "").strip()[:100].lower():
        pattern = f"%{search}%"
        query = query.where(
            or_(func.lower(TrainingPath.title).like(pattern), func.lower(TrainingPath.summary).like(pattern))
        )
    mine = select(TrainingEnrolment.path_id).where(TrainingEnrolment.user_id == user.id)
    if show == "unit":
        units = [u.id for u in org_tree().ancestors(user.unit_id)]
        query = query.where(
            TrainingPath.id.in_(
                select(TrainingAssignment.path_id).where(TrainingAssignment.unit_id.in_(units))
            )
        )
    elif show == "assigned":
        query = query.where(TrainingPath.id.in_(mine.where(TrainingEnrolment.due_on.is_not(None))))
    elif show == "mine":
        query = query.where(TrainingPath.id.in_(mine))
    return query.options(selectinload(TrainingPath.topic)).order_by(TrainingPath.title, TrainingPath.id)


def step_counts(path_ids) -> dict[int, int]:
    """Number of steps per path."""
    if not path_ids:
        return {}
    return dict(
        db.session.execute(
            select(TrainingStep.path_id, func.count())
            .where(TrainingStep.path_id.in_(path_ids))
            .group_by(TrainingStep.path_id)
        ).all()
    )


def enrolments_by_path(user, path_ids) -> dict[int, TrainingEnrolment]:
    """The user's enrolments in these paths, by path id."""
    if not path_ids:
        return {}
    return {
        e.path_id: e
        for e in db.session.scalars(
            select(TrainingEnrolment).where(
                TrainingEnrolment.user_id == user.id, TrainingEnrolment.path_id.in_(path_ids)
            )
        )
    }


def prerequisite_choices(path: TrainingPath | None) -> list[tuple[int, str]]:
    """(id, title) of every path that is not archived, the path itself left out."""
    rows = db.session.execute(
        select(TrainingPath.id, TrainingPath.title)
        .where(TrainingPath.status != "archived")
        .order_by(TrainingPath.title)
    ).all()
    return [(i, t) for i, t in rows if path is None or i != path.id]


def report_path_choices() -> list[tuple[int, str]]:
    """(id, title) of every path that was ever published, for the unit report."""
    rows = db.session.execute(
        select(TrainingPath.id, TrainingPath.title)
        .where(TrainingPath.status != "draft")
        .order_by(TrainingPath.title)
    ).all()
    return [(i, t) for i, t in rows]


def get_path(path_id: int | None) -> TrainingPath | None:
    return db.session.get(TrainingPath, path_id) if path_id else None


def practice_requests_waiting(guide_unit_ids):
    """Requests waiting for a guide of these units (learners anywhere below), oldest first."""
    unit_ids = org_tree().subtree_ids(guide_unit_ids)
    return (
        select(TrainingPracticeRequest)
        .join(TrainingEnrolment, TrainingEnrolment.id == TrainingPracticeRequest.enrolment_id)
        .join(User, User.id == TrainingEnrolment.user_id)
        .where(TrainingPracticeRequest.status == "requested", User.unit_id.in_(unit_ids))
        .options(
            selectinload(TrainingPracticeRequest.enrolment).selectinload(TrainingEnrolment.user),
            selectinload(TrainingPracticeRequest.step).selectinload(TrainingStep.path),
        )
        .order_by(TrainingPracticeRequest.requested_at, TrainingPracticeRequest.id)
    )


def assignments_to(unit_ids):
    """Assignments to these units, newest first."""
    return (
        select(TrainingAssignment)
        .options(joinedload(TrainingAssignment.path), joinedload(TrainingAssignment.unit))
        .where(TrainingAssignment.unit_id.in_(unit_ids))
        .order_by(TrainingAssignment.created_at.desc(), TrainingAssignment.id.desc())
    )


def due_enrolments(user, limit: int) -> list[TrainingEnrolment]:
    """The person's open enrolments that have a due date, the nearest first."""
    return list(
        db.session.scalars(
            select(TrainingEnrolment)
            .options(joinedload(TrainingEnrolment.path))
            .where(
                TrainingEnrolment.user_id == user.id,
                TrainingEnrolment.completed_at.is_(None),
                TrainingEnrolment.due_on.is_not(None),
            )
            .order_by(TrainingEnrolment.due_on, TrainingEnrolment.id)
            .limit(limit)
        )
    )
