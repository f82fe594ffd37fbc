"""Pilot projects: create and edit, dates, status workflow, results, messages to participants."""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intranet import clock, urls
from intranet.audit.services import record
from intranet.auth.models import User
from intranet.extensions import db
from intranet.form_rules import REQUIRED, too_long
from intranet.notify.services import notify
from intranet.org.models import OrgUnit
from intranet.pilots.errors import PilotError
from intranet.pilots.models import (
    ACTIVE,
    CONFIRMED,
    STATUS_LABELS,
    STATUSES,
    WITH_RESULTS,
    Pilot,
    PilotDate,
    PilotSignup,
)
from intranet.pilots.queries import decision_choices, path_choices
from intranet.pilots.signups import fill_free_places

# Forward one step; back only where nothing irreversible happened yet.
TRANSITIONS = {
    "planned": ("open",),
    "open": ("planned", "running"),
    "running": ("evaluation",),
    "evaluation": ("running", "done"),
    "done": ("evaluation",),
}
TEXT_LIMITS = {"title": 160, "goal": 500, "description": 20000, "requirements": 5000}
RESULT_LIMIT = 10000

__all__ = [
    "PilotError",
    "create_pilot",
    "update_pilot",
    "change_status",
    "publish_results",
    "message_participants",
    "add_date",
    "delete_date",
    "find_owner",
]


def find_owner(email: str) -> User:
    """The active person with this e-mail address, to be named owner of a pilot."""
    email = (email or "").strip().lower()
    user = db.session.scalar(
        select(User).where(func.lower(User.email) == email, User.is_active_account.is_(True))
    )
    if user is None:
        raise PilotError(_l("Unter dieser E-Mail-Adresse gibt es keine aktive Person."), "owner_email")
    return user


def _apply(pilot: Pilot, data: dict, is_new: bool) -> None:
    for name, limit in TEXT_LIMITS.items():
        value = (data.get(name) or "").strip()
        if name in ("title", "goal") and not value:
            raise PilotError(REQUIRED, name)
        if len(value) > limit:
            raise PilotError(too_long(limit), name)
        setattr(pilot, name, value)
    if db.session.get(OrgUnit, data.get("unit_id") or 0) is None:
        raise PilotError(_l("Bitte wählen Sie eine Einheit."), "unit_id")
    starts_on, ends_on, deadline = data.get("starts_on"), data.get("ends_on"), data.get("signup_deadline")
    if starts_on and ends_on and ends_on < starts_on:
        raise PilotError(_l("Das Ende darf nicht vor dem Beginn liegen."), "ends_on")
    deadline_changed = is_new or deadline != pilot.signup_deadline
    if deadline and deadline_changed and deadline < clock.local_today():
        raise PilotError(_l("Die Anmeldefrist darf nicht in der Vergangenheit liegen."), "signup_deadline")
    pilot.unit_id, pilot.starts_on, pilot.ends_on = data["unit_id"], starts_on, ends_on
    pilot.signup_deadline = deadline
    path_id = data.get("required_path_id") or None
    if path_id is not None and path_id not in dict(path_choices()):
        raise PilotError(_l("Bitte wählen Sie einen veröffentlichten Lernpfad."), "required_path_id")
    pilot.required_path_id = path_id


def _named_owner(data: dict, owner: User | None) -> User | None:
    if owner is None and (data.get("owner_email") or "").strip():
        return find_owner(data["owner_email"])
    return owner


def create_pilot(actor: User, data: dict, owner: User | None = None) -> Pilot:
    """Create a pilot in status "geplant"; the creator owns it unless someone else is named
    (`owner`, or `data["owner_email"]`)."""
    owner = _named_owner(data, owner)
    capacity = data.get("capacity")
    if capacity is None or capacity < 1 or capacity > 10000:
        raise PilotError(_l("Bitte geben Sie zwischen 1 und 10.000 Plätze an."), "capacity")
    pilot = Pilot(
        created_by_id=actor.id,
        owner_id=(owner or actor).id,
        capacity=capacity,
        status="planned",
        confirmed_count=0,
        waitlist_seq=0,
    )
    _apply(pilot, data, is_new=True)
    db.session.add(pilot)
    db.session.flush()
    record(actor, "pilot_created", pilot, summary=pilot.title)
    return pilot


def update_pilot(pilot: Pilot, actor: User, data: dict, owner: User | None = None) -> Pilot:
    """Change a pilot's description, time frame, deadline and owner (not its places)."""
    owner = _named_owner(data, owner)
    _apply(pilot, data, is_new=False)
    if owner is not None:
        pilot.owner_id = owner.id
    db.session.flush()
    record(actor, "pilot_updated", pilot, summary=pilot.title)
    return pilot


def _active_users(pilot: Pilot, include_waitlist: bool = True) -> list[User]:
    statuses = ACTIVE if include_waitlist else (CONFIRMED,)
    return list(
        db.session.scalars(
            select(User)
            .join(PilotSignup, PilotSignup.user_id == User.id)
            .where(PilotSignup.pilot_id == pilot.id, PilotSignup.status.in_(statuses))
        )
    )


def change_status(pilot: Pilot, actor: User, status: str) -> None:
    """Move the pilot one step in its workflow; everyone signed up is told."""
    if status not in STATUSES or status not in TRANSITIONS[pilot.status]:
        raise PilotError(_l("Dieser Statuswechsel ist nicht möglich."), "status")
    pilot.status = status
    if status == "open":
        pilot.is_signup_closed = False
        fill_free_places(pilot)
    db.session.flush()
    notify(
        _active_users(pilot),
        "pilot_status",
        _l(
            "Das Pilotprojekt „%(title)s“ hat jetzt den Status „%(status)s“.",
            title=pilot.title,
            status=STATUS_LABELS[status],
        ),
        urls.path_for("pilots.detail", pilot_id=pilot.id),
        exclude=actor,
    )
    record(actor, "pilot_status_changed", pilot, summary=pilot.title, status=pilot.status)


def publish_results(pilot: Pilot, actor: User, data: dict) -> None:
    """Publish (or update) the results; every confirmed participant is notified."""
    if pilot.status not in WITH_RESULTS:
        raise PilotError(_l("Ergebnisse können erst in der Auswertung veröffentlicht werden."), "summary")
    fields = {
        "summary": "results_summary",
        "worked": "results_worked",
        "not_worked": "results_not_worked",
        "recommendation": "results_recommendation",
    }
    for name, column in fields.items():
        value = (data.get(name) or "").strip()
        if name == "summary" and not value:
            raise PilotError(_l("Bitte fassen Sie die Ergebnisse kurz zusammen."), name)
        if len(value) > RESULT_LIMIT:
            raise PilotError(too_long(RESULT_LIMIT), name)
        setattr(pilot, column, value)
    decision_id, path_id = data.get("decision_id") or None, data.get("path_id") or None
    if decision_id is not None and decision_id not in dict(decision_choices()):
        raise PilotError(_l("Bitte wählen Sie eine veröffentlichte Entscheidung."), "decision_id")
    if path_id is not None and path_id not in dict(path_choices()):
        raise PilotError(_l("Bitte wählen Sie einen veröffentlichten Lernpfad."), "path_id")
    pilot.result_decision_id, pilot.result_path_id = decision_id, path_id
    first_time = pilot.results_published_at is None
    pilot.results_published_at = clock.now()
    db.session.flush()
    message = (
        _l("Die Ergebnisse des Pilotprojekts „%(title)s“ sind veröffentlicht.", title=pilot.title)
        if first_time
        else _l("Die Ergebnisse des Pilotprojekts „%(title)s“ wurden aktualisiert.", title=pilot.title)
    )
    notify(
        _active_users(pilot, include_waitlist=False),
        "pilot_results",
        message,
        urls.path_for("pilots.detail", _anchor="ergebnisse", pilot_id=pilot.id),
        exclude=actor,
    )
    record(actor, "pilot_results_published", pilot, summary=pilot.title)


def message_participants(pilot: Pilot, actor: User, text: str, include_waitlist: bool) -> int:
    """Send every participant (optionally the waitlist too) a message; returns the count."""
    text = (text or "").strip()
    if not text:
        raise PilotError(_l("Bitte schreiben Sie eine Nachricht."), "text")
    if len(text) > 400:
        raise PilotError(too_long(400), "text")
    recipients = _active_users(pilot, include_waitlist)
    if not recipients:
        raise PilotError(_l("Es gibt noch niemanden, der die Nachricht erhalten könnte."), "text")
    count = notify(
        recipients,
        "pilot_message",
        _l("%(title)s: %(text)s", title=pilot.title, text=text),
        urls.path_for("pilots.detail", pilot_id=pilot.id),
        exclude=actor,
    )
    record(actor, "pilot_message_sent", pilot, summary=pilot.title, recipients=count)
    return count


def add_date(
    pilot: Pilot, actor: User, title: str, day: date, start: time, end: time, location: str
) -> PilotDate:
    """Add an appointment (times are Berlin local time)."""
    title, location = (title or "").strip(), (location or "").strip()
    if not title:
        raise PilotError(REQUIRED, "title")
    if len(title) > 160 or len(location) > 160:
        raise PilotError(too_long(160), "title" if len(title) > 160 else "location")
    if day is None or start is None or end is None:
        raise PilotError(_l("Bitte geben Sie Datum, Beginn und Ende an."), "day")
    if end <= start:
        raise PilotError(_l("Das Ende muss nach dem Beginn liegen."), "end")
    item = PilotDate(
        pilot_id=pilot.id,
        title=title,
        location=location,
        starts_at=datetime.combine(day, start, clock.LOCAL_TZ),
        ends_at=datetime.combine(day, end, clock.LOCAL_TZ),
    )
    db.session.add(item)
    db.session.flush()
    record(actor, "pilot_date_added", pilot, summary=pilot.title, date_id=item.id)
    return item


def delete_date(pilot: Pilot, actor: User, item: PilotDate) -> None:
    """Remove an appointment of this pilot."""
    if item.pilot_id != pilot.id:
        raise PilotError(_l("Dieser Termin gehört zu einem anderen Pilotprojekt."))
    record(actor, "pilot_date_deleted", pilot, summary=pilot.title, date_id=item.id, title=item.title)
    db.session.delete(item)
    db.session.flush()
