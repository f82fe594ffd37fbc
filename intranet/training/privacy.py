"""Personal data of training: enrolments, progress, session places, practice proofs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from intranet import clock
from intranet.auth.privacy import PUBLIC_TASK
from intranet.extensions import db
from intranet.features import DataCategory
from intranet.privacy import retention
from intranet.training.models import (
    TrainingEnrolment,
    TrainingPracticeRequest,
    TrainingReminder,
    TrainingSessionSeat,
    TrainingStep,
)


def erase_training(person, delete_contributions: bool) -> list:
    """Places in coming sessions are freed, notes emptied; progress stays without name for the
    per-unit figures (which never show a group below k)."""
    enrolments = select(TrainingEnrolment.id).where(TrainingEnrolment.user_id == person.id)
    coming = select(TrainingStep.id).where(TrainingStep.session_starts_at >= clock.now())
    seats = db.session.execute(
        delete(TrainingSessionSeat)
        .where(TrainingSessionSeat.user_id == person.id, TrainingSessionSeat.step_id.in_(coming))
        .execution_options(synchronize_session=False)
    ).rowcount
    notes = db.session.execute(
        update(TrainingPracticeRequest)
        .where(TrainingPracticeRequest.enrolment_id.in_(enrolments))
        .values(note="", feedback="")
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.execute(
        delete(TrainingReminder)
        .where(TrainingReminder.enrolment_id.in_(enrolments))
        .execution_options(synchronize_session=False)
    )
    kept = len(db.session.scalars(enrolments).all())
    return [
        (_l("Plätze in kommenden Präsenzterminen freigegeben"), seats),
        (_l("Praxisnachweise: Notizen und Rückmeldungen gelöscht"), notes),
        (_l("Lernfortschritt bleibt ohne Namen für die Auswertung je Einheit"), kept),
    ]


CATEGORIES = (
    DataCategory(
        "training",
        _l("Lernpfade: Einschreibungen, Fortschritt, Termine, Praxisnachweise"),
        _l("Qualifizierung, Teilnahmebestätigung, Auswertung je Einheit (nie einzeln)"),
        _l(
            "Die Person; bei Praxisnachweisen die Lotsinnen und Lotsen ihrer Einheit; "
            "Leitungen nur Zahlen je Einheit ab k Personen"
        ),
        retention.ACCOUNT,
        PUBLIC_TASK,
        erase=erase_training,
    ),
)
