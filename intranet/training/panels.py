"""Home panel: paths assigned to me and paths I am working on."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from intranet.extensions import db
from intranet.training.models import TrainingEnrolment, TrainingStep, TrainingStepCompletion


def home_panel(user):
    """Open enrolments, due ones first, with (done, total) steps each: three queries."""
    enrolments = db.session.scalars(
        select(TrainingEnrolment)
        .options(joinedload(TrainingEnrolment.path))
        .where(TrainingEnrolment.user_id == user.id, TrainingEnrolment.completed_at.is_(None))
        .order_by(
            TrainingEnrolment.due_on.is_(None), TrainingEnrolment.due_on, TrainingEnrolment.enrolled_at.desc()
        )
        .limit(5)
    ).all()
    ids = [e.id for e in enrolments]
    path_ids = [e.path_id for e in enrolments]
    totals = (
        dict(
            db.session.execute(
                select(TrainingStep.path_id, func.count())
                .where(TrainingStep.path_id.in_(path_ids))
                .group_by(TrainingStep.path_id)
            ).all()
        )
        if ids
        else {}
    )
    done = (
        dict(
            db.session.execute(
                select(TrainingStepCompletion.enrolment_id, func.count())
                .where(TrainingStepCompletion.enrolment_id.in_(ids))
                .group_by(TrainingStepCompletion.enrolment_id)
            ).all()
        )
        if ids
        else {}
    )
    return {"items": [(e, done.get(e.id, 0), totals.get(e.path_id, 0)) for e in enrolments]}
