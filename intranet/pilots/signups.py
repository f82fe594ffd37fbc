"""Sign-up, waitlist and capacity: the rules that must hold under many simultaneous requests.

Every change first locks the pilot's row (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers with BEGIN IMMEDIATE), so the changes to one pilot happen one after
the other. The places themselves are taken with an atomic conditional UPDATE on
`confirmed_count` – a place exists only if that UPDATE matched a row – and the unique
constraints on (pilot, person) and (pilot, waitlist position) refuse duplicates even
if a lock were ever missing.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intranet import clock, urls
from intranet.audit.services import record
from intranet.extensions import db
from intranet.form_rules import too_long
from intranet.notify.services import notify
from intranet.pilots.errors import PilotError
from intranet.pilots.models import (
    ACTIVE,
    CONFIRMED,
    REMOVED,
    WAITLISTED,
    WITHDRAWABLE,
    WITHDRAWN,
    Pilot,
    PilotSignup,
)
from intranet.pilots.queries import signup_of
from intranet.training.services import has_completed_path

MOTIVATION_MAX = 2000
LOCKED_COLUMNS = [
    "status",
    "is_signup_closed",
    "signup_deadline",
    "capacity",
    "confirmed_count",
    "waitlist_seq",
]
REASON_MAX = 500


def _lock(pilot: Pilot) -> None:
    """Wait for other changes to this pilot, then reload its counters."""
    db.session.flush()
    db.session.execute(select(Pilot.id).where(Pilot.id == pilot.id).with_for_update())
    db.session.refresh(pilot, LOCKED_COLUMNS)


def _take_place(pilot: Pilot) -> bool:
    """Atomically take one free place; False when the pilot is full."""
    taken = db.session.execute(
        update(Pilot)
        .where(Pilot.id == pilot.id, Pilot.confirmed_count < Pilot.capacity)
        .values(confirmed_count=Pilot.confirmed_count + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    return taken == 1


def _give_back_place(pilot: Pilot) -> None:
    db.session.execute(
        update(Pilot)
        .where(Pilot.id == pilot.id, Pilot.confirmed_count > 0)
        .values(confirmed_count=Pilot.confirmed_count - 1)
        .execution_options(synchronize_session=False)
    )


def _next_waitlist_position(pilot: Pilot) -> int:
    db.session.execute(
        update(Pilot)
        .where(Pilot.id == pilot.id)
        .values(waitlist_seq=Pilot.waitlist_seq + 1)
        .execution_options(synchronize_session=False)
    )
    return db.session.scalar(select(Pilot.waitlist_seq).where(Pilot.id == pilot.id))


def check_can_sign_up(pilot: Pilot, user) -> None:
    """Raise PilotError if the pilot does not accept sign-ups now (status, deadline, path)."""
    if pilot.status != "open" or pilot.is_signup_closed:
        raise PilotError(_l("Für dieses Pilotprojekt ist die Anmeldung nicht geöffnet."))
    today = clock.local_today()
    if pilot.signup_deadline is not None and today > pilot.signup_deadline:
        raise PilotError(_l("Die Anmeldefrist ist abgelaufen."))
    if pilot.required_path_id is not None and not has_completed_path(user, pilot.required_path):
        raise PilotError(
            _l("Bitte schließen Sie zuerst den Lernpfad „%(path)s“ ab.", path=pilot.required_path.title),
            "required_path",
        )


def sign_up_blocker(pilot: Pilot, user) -> PilotError | None:
    """Why this person cannot sign up now (for the pilot page), or None."""
    try:
        check_can_sign_up(pilot, user)
    except PilotError as error:
        return error
    return None


def sign_up(pilot: Pilot, user, motivation: str) -> PilotSignup:
    """Sign a person up: confirmed while places are free, otherwise onto the waitlist."""
    motivation = (motivation or "").strip()
    if len(motivation) > MOTIVATION_MAX:
        raise PilotError(
            _l(
                "Bitte fassen Sie sich kürzer: höchstens %(max)d Zeichen (jetzt %(count)d).",
                max=MOTIVATION_MAX,
                count=len(motivation),
            ),
            "motivation",
        )
    check_can_sign_up(pilot, user)
    _lock(pilot)
    check_can_sign_up(pilot, user)
    signup = signup_of(pilot, user)
    if signup is not None and signup.is_active:
        raise PilotError(_l("Sie sind für dieses Pilotprojekt bereits angemeldet."))
    if signup is not None and signup.status == REMOVED:
        # Owners remove people for a reason; coming back is their decision, not a click.
        raise PilotError(
            _l(
                "Die Verantwortlichen haben Sie aus diesem Pilotprojekt ausgetragen. "
                "Bitte sprechen Sie sie an, wenn Sie wieder teilnehmen möchten."
            )
        )
    if signup is None:
        signup = PilotSignup(pilot_id=pilot.id, user_id=user.id, status=WITHDRAWN)
    signup.motivation, signup.removal_reason, signup.created_at = motivation, "", clock.now()
    if _take_place(pilot):
        signup.status, signup.confirmed_at, signup.waitlist_position = CONFIRMED, clock.now(), None
    else:
        signup.status, signup.waitlist_position = WAITLISTED, _next_waitlist_position(pilot)
    try:
        with db.session.begin_nested():
            db.session.add(signup)
    except IntegrityError as error:  # only if two requests slipped past the lock
        raise PilotError(_l("Sie sind für dieses Pilotprojekt bereits angemeldet.")) from error
    db.session.refresh(pilot)
    return signup


def fill_free_places(pilot: Pilot) -> list[PilotSignup]:
    """Move people up from the waitlist, in order, while places are free."""
    promoted = []
    while _take_place(pilot):
        candidates = db.session.scalars(
            select(PilotSignup)
            .where(PilotSignup.pilot_id == pilot.id, PilotSignup.status == WAITLISTED)
            .order_by(PilotSignup.waitlist_position)
            .limit(1)
        ).all()
        moved = (
            candidates
            and db.session.execute(
                update(PilotSignup)
                .where(PilotSignup.id == candidates[0].id, PilotSignup.status == WAITLISTED)
                .values(status=CONFIRMED, waitlist_position=None, confirmed_at=clock.now())
                .execution_options(synchronize_session=False)
            ).rowcount
            == 1
        )
        if not moved:
            _give_back_place(pilot)
            break
        promoted.append(candidates[0])
    for signup in promoted:
        db.session.refresh(signup)
    db.session.refresh(pilot)
    if promoted:
        notify(
            [signup.user for signup in promoted],
            "pilot_promoted",
            _l(
                "Sie sind nachgerückt: Ihr Platz im Pilotprojekt „%(title)s“ ist bestätigt.",
                title=pilot.title,
            ),
            urls.path_for("pilots.detail", pilot_id=pilot.id),
        )
    return promoted


def _leave(pilot: Pilot, signup: PilotSignup, new_status: str, reason: str = "") -> None:
    left = db.session.execute(
        update(PilotSignup)
        .where(PilotSignup.id == signup.id, PilotSignup.status.in_(ACTIVE))
        .values(status=new_status, waitlist_position=None, removal_reason=reason)
        .execution_options(synchronize_session=False)
    ).rowcount
    was_confirmed = signup.status == CONFIRMED
    db.session.refresh(signup)
    if not left:
        raise PilotError(_l("Diese Anmeldung besteht nicht mehr."))
    if was_confirmed:
        _give_back_place(pilot)
        fill_free_places(pilot)


def withdraw(pilot: Pilot, user) -> PilotSignup:
    """Withdraw a person's sign-up; a freed place goes to the first person waiting."""
    if pilot.status not in WITHDRAWABLE:
        raise PilotError(
            _l(
                "Das Pilotprojekt ist schon in der Auswertung oder abgeschlossen; "
                "eine Abmeldung ist nicht mehr möglich."
            )
        )
    _lock(pilot)
    signup = signup_of(pilot, user)
    if signup is None or not signup.is_active:
        raise PilotError(_l("Sie sind für dieses Pilotprojekt nicht angemeldet."))
    _leave(pilot, signup, WITHDRAWN)
    return signup


def remove(pilot: Pilot, signup: PilotSignup, actor, reason: str) -> PilotSignup:
    """An owner removes someone with a reason; they are told, the next person moves up."""
    reason = (reason or "").strip()
    if not reason:
        raise PilotError(_l("Bitte nennen Sie einen Grund."), "reason")
    if len(reason) > REASON_MAX:
        raise PilotError(too_long(REASON_MAX), "reason")
    _lock(pilot)
    db.session.refresh(signup)
    if not signup.is_active:
        raise PilotError(_l("Diese Anmeldung besteht nicht mehr."), "reason")
    _leave(pilot, signup, REMOVED, reason)
    notify(
        [signup.user],
        "pilot_removed",
        _l(
            "Sie wurden aus dem Pilotprojekt „%(title)s“ ausgetragen. Grund: %(reason)s",
            title=pilot.title,
            reason=reason,
        ),
        urls.path_for("pilots.detail", pilot_id=pilot.id),
        exclude=actor,
    )
    record(actor, "pilot_participant_removed", pilot, summary=pilot.title, signup_id=signup.id)
    return signup


def change_capacity(pilot: Pilot, actor, capacity: int | None, keep_confirmed: bool = False):
    """Set the number of places; raising it moves people up from the waitlist in order."""
    if capacity is None or capacity < 1:
        raise PilotError(_l("Bitte geben Sie mindestens 1 Platz an."), "capacity")
    if capacity > 10000:
        raise PilotError(_l("Höchstens 10.000 Plätze."), "capacity")
    _lock(pilot)
    if capacity < pilot.confirmed_count and not keep_confirmed:
        raise PilotError(
            _l(
                "Es sind schon %(count)d Personen bestätigt – mehr als %(capacity)d "
                "Plätze. Wählen Sie „Bestätigte Personen behalten“, dann bleiben "
                "alle bestätigt und es rückt niemand nach, bis wieder Platz frei "
                "ist.",
                count=pilot.confirmed_count,
                capacity=capacity,
            ),
            "capacity",
        )
    db.session.execute(
        update(Pilot)
        .where(Pilot.id == pilot.id)
        .values(capacity=capacity)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(pilot)
    promoted = fill_free_places(pilot)
    record(
        actor,
        "pilot_capacity_changed",
        pilot,
        summary=pilot.title,
        capacity=pilot.capacity,
        promoted=len(promoted),
    )
    return promoted


def set_signup_closed(pilot: Pilot, actor, closed: bool) -> None:
    """Close or reopen sign-up without changing the pilot's status."""
    pilot.is_signup_closed = closed
    record(actor, "pilot_signup_closed" if closed else "pilot_signup_reopened", pilot, summary=pilot.title)
    db.session.flush()
