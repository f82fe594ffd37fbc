"""„Meine Daten“: the person's training enrolments, session places and practice requests."""

from __future__ import annotations

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from intranet.extensions import db
from intranet.main.my_data import MyDataSection
from intranet.training.models import (
    TrainingEnrolment,
    TrainingPracticeRequest,
    TrainingSessionSeat,
    TrainingStep,
    TrainingStepCompletion,
)

PRACTICE_STATES = {
    "requested": _l("angefragt"),
    "confirmed": _l("bestätigt"),
    "feedback": _l("Rückmeldung erhalten"),
}


def _when(value) -> str:
    return format_datetime(value, "short") if value else ""


def section(user) -> MyDataSection:
    """Enrolments with progress, booked session places and practice requests (answers are never stored)."""
    enrolments = db.session.scalars(
        select(TrainingEnrolment)
        .options(joinedload(TrainingEnrolment.path))
        .where(TrainingEnrolment.user_id == user.id)
        .order_by(TrainingEnrolment.enrolled_at)
    ).all()
    done = (
        dict(
            db.session.execute(
                select(TrainingStepCompletion.enrolment_id, func.count())
                .where(TrainingStepCompletion.enrolment_id.in_([e.id for e in enrolments]))
                .group_by(TrainingStepCompletion.enrolment_id)
            ).all()
        )
        if enrolments
        else {}
    )
    rows = [
        {
            str(_l("Art")): str(_l("Lernpfad")),
            str(_l("Titel")): e.path.title,
            str(_l("Begonnen")): _when(e.enrolled_at),
            str(_l("Erledigte Schritte")): str(done.get(e.id, 0)),
            str(_l("Abschließen bis")): format_date(e.due_on) if e.due_on else "",
            str(_l("Abgeschlossen")): _when(e.completed_at),
        }
        for e in enrolments
    ]
    seats = db.session.execute(
        select(TrainingSessionSeat.created_at, TrainingStep.title)
        .join(TrainingStep, TrainingStep.id == TrainingSessionSeat.step_id)
        .where(TrainingSessionSeat.user_id == user.id)
    ).all()
    rows += [
        {
            str(_l("Art")): str(_l("Platz im Präsenztermin")),
            str(_l("Titel")): title,
            str(_l("Begonnen")): _when(created),
        }
        for created, title in seats
    ]
    practice = db.session.scalars(
        select(TrainingPracticeRequest)
        .options(joinedload(TrainingPracticeRequest.step))
        .join(TrainingEnrolment, TrainingEnrolment.id == TrainingPracticeRequest.enrolment_id)
        .where(TrainingEnrolment.user_id == user.id)
    ).all()
    rows += [
        {
            str(_l("Art")): str(_l("Praxisnachweis")),
            str(_l("Titel")): p.step.title,
            str(_l("Begonnen")): _when(p.requested_at),
            str(_l("Status")): str(PRACTICE_STATES[p.status]),
            str(_l("Ihre Notiz")): p.note,
            str(_l("Rückmeldung")): p.feedback,
        }
        for p in practice
    ]
    return MyDataSection(
        _l("Lernpfade"),
        _l(
            "Nur Sie. Lotsinnen und Lotsen Ihrer Einheit sehen Ihre Anfragen zum Praxisnachweis. "
            "Die Leitung sieht nur Summen je Einheit ab 5 Personen. Antworten in Selbsttests werden "
            "nicht gespeichert, nur „bestanden“."
        ),
        rows,
    )
