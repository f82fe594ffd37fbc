"""Personal data of pilot projects: sign-ups with their motivation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from intranet import clock
from intranet.auth.privacy import PUBLIC_TASK
from intranet.extensions import db
from intranet.features import DataCategory, Retention
from intranet.pilots import signups
from intranet.pilots.models import CONFIRMED, REMOVED, WITHDRAWN, Pilot, PilotSignup

SIGNUPS = Retention(
    "LOTSE_RETENTION_SIGNUP_DAYS",
    365,
    _l(
        "nach dem Ende des Pilotprojekts (zurückgezogene und abgelehnte Anmeldungen; "
        "bei allen die Begründung)"
    ),
    _l(
        "Die Begründung dient nur der Auswahl, Absagen und Rückzüge nur der Fairness beim "
        "Nachrücken. Ein Jahr nach dem Ende ist beides abgeschlossen; wer teilgenommen hat, "
        "bleibt als Teilnahme (ohne Begründung) für die Auswertung erhalten."
    ),
)


def purge_signups(cutoff) -> int:
    """A year after a pilot ended: withdrawn and removed sign-ups go, motivations are emptied."""
    ended = select(Pilot.id).where(Pilot.ends_on.is_not(None), Pilot.ends_on < clock.local_date(cutoff))
    deleted = db.session.execute(
        delete(PilotSignup)
        .where(PilotSignup.pilot_id.in_(ended), PilotSignup.status.in_((WITHDRAWN, REMOVED)))
        .execution_options(synchronize_session=False)
    ).rowcount
    cleared = db.session.execute(
        update(PilotSignup)
        .where(
            PilotSignup.pilot_id.in_(ended),
            (PilotSignup.motivation != "") | (PilotSignup.removal_reason != ""),
        )
        .values(motivation="", removal_reason="")
        .execution_options(synchronize_session=False)
    ).rowcount
    return deleted + cleared


def erase_signups(person, delete_contributions: bool) -> list:
    """Active sign-ups are withdrawn (the next person moves up); the rows go, except a
    confirmed place in a pilot past withdrawal, which stays as a participation without name."""
    rows = db.session.scalars(
        select(PilotSignup).where(PilotSignup.user_id == person.id, PilotSignup.status.in_(signups.ACTIVE))
    ).all()
    withdrawn = 0
    for signup in rows:
        if signup.pilot.status in signups.WITHDRAWABLE:
            signups.withdraw(signup.pilot, person)
            withdrawn += 1
    kept = db.session.execute(
        update(PilotSignup)
        .where(PilotSignup.user_id == person.id, PilotSignup.status == CONFIRMED)
        .values(motivation="", removal_reason="")
        .execution_options(synchronize_session=False)
    ).rowcount
    deleted = db.session.execute(
        delete(PilotSignup)
        .where(PilotSignup.user_id == person.id, PilotSignup.status != CONFIRMED)
        .execution_options(synchronize_session=False)
    ).rowcount
    return [
        (_l("Laufende Anmeldungen zurückgezogen (Nachrückende rücken auf)"), withdrawn),
        (_l("Anmeldungen mit Begründung gelöscht"), deleted),
        (_l("Teilnahmen an laufenden oder beendeten Pilotprojekten bleiben ohne Namen und Begründung"), kept),
    ]


CATEGORIES = (
    DataCategory(
        "pilot_signups",
        _l("Anmeldungen zu Pilotprojekten mit Begründung, Warteliste und Absagegrund"),
        _l("Plätze vergeben, Nachrücken, Teilnehmende informieren"),
        _l("Die Verantwortlichen des Pilotprojekts und die Administration"),
        SIGNUPS,
        PUBLIC_TASK,
        purge=purge_signups,
        erase=erase_signups,
    ),
)
