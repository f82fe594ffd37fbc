"""Every read of the pilots feature: the list, lessons learned, one pilot, sign-ups, choices."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from intranet import clock
from intranet.decisions.models import DRAFT as DECISION_DRAFT
from intranet.decisions.models import Decision
from intranet.extensions import db
from intranet.pilots.models import ACTIVE, STATUS_LABELS, WAITLISTED, Pilot, PilotDate, PilotSignup
from intranet.training.models import TrainingPath


def get_pilot_or_404(pilot_id: int) -> Pilot:
    """A pilot with its owner, unit and dates, in one round of queries; 404 if there is none."""
    pilot = db.session.scalar(
        select(Pilot)
        .options(joinedload(Pilot.owner), joinedload(Pilot.unit), selectinload(Pilot.dates))
        .where(Pilot.id == pilot_id)
    )
    if pilot is None:
        abort(404)
    return pilot


def get_signup_or_404(pilot: Pilot, signup_id: int) -> PilotSignup:
    """A sign-up of this pilot (a sign-up of another pilot is 404, too)."""
    signup = db.session.get(PilotSignup, signup_id)
    if signup is None or signup.pilot_id != pilot.id:
        abort(404)
    return signup


def get_date_or_404(pilot: Pilot, date_id: int) -> PilotDate:
    """An appointment of this pilot (one of another pilot is 404, too)."""
    item = db.session.get(PilotDate, date_id)
    if item is None or item.pilot_id != pilot.id:
        abort(404)
    return item


def pilots(tree, status: str | None = None, unit: str | None = None, open_only: bool = False) -> Select:
    """The filtered list: open pilots first, then the newest; unknown filter values are ignored."""
    query = select(Pilot).options(joinedload(Pilot.unit))
    if status in STATUS_LABELS:
        query = query.where(Pilot.status == status)
    if (unit or "").isdigit() and len(unit) <= 10 and tree.get(int(unit)):
        query = query.where(Pilot.unit_id.in_(tree.descendant_ids(int(unit))))
    if open_only:
        query = query.where(
            Pilot.status == "open",
            Pilot.is_signup_closed.is_(False),
            or_(Pilot.signup_deadline.is_(None), Pilot.signup_deadline >= clock.local_today()),
        )
    return query.order_by((Pilot.status == "open").desc(), Pilot.starts_on.desc(), Pilot.id.desc())


def with_results() -> Select:
    """ "Was haben wir gelernt?": every pilot with published results, the newest first."""
    return (
        select(Pilot)
        .options(joinedload(Pilot.unit), joinedload(Pilot.result_decision), joinedload(Pilot.result_path))
        .where(Pilot.results_published_at.is_not(None))
        .order_by(Pilot.results_published_at.desc(), Pilot.id.desc())
    )


def active_signups_by_pilot(user, pilot_ids) -> dict[int, PilotSignup]:
    """The person's active sign-ups among these pilots, by pilot id (one query)."""
    rows = db.session.scalars(
        select(PilotSignup).where(
            PilotSignup.user_id == user.id,
            PilotSignup.pilot_id.in_(list(pilot_ids)),
            PilotSignup.status.in_(ACTIVE),
        )
    ).all()
    return {row.pilot_id: row for row in rows}


def signup_of(pilot: Pilot, user) -> PilotSignup | None:
    """The person's sign-up row for this pilot (any status), or None."""
    return db.session.scalar(
        select(PilotSignup).where(PilotSignup.pilot_id == pilot.id, PilotSignup.user_id == user.id)
    )


def waitlist_rank(signup: PilotSignup) -> int | None:
    """The visible waitlist place (1 = next to move up), or None if not waiting."""
    if signup.status != WAITLISTED:
        return None
    return db.session.scalar(
        select(func.count(PilotSignup.id)).where(
            PilotSignup.pilot_id == signup.pilot_id,
            PilotSignup.status == WAITLISTED,
            PilotSignup.waitlist_position <= signup.waitlist_position,
        )
    )


def participants(pilot: Pilot) -> list[PilotSignup]:
    """Active sign-ups: confirmed first (by confirmation), then the waitlist in order."""
    return db.session.scalars(
        select(PilotSignup)
        .options(joinedload(PilotSignup.user))
        .where(PilotSignup.pilot_id == pilot.id, PilotSignup.status.in_(ACTIVE))
        .order_by(
            PilotSignup.waitlist_position.is_not(None),
            PilotSignup.waitlist_position,
            PilotSignup.confirmed_at,
            PilotSignup.id,
        )
    ).all()


def path_choices() -> list[tuple[int, str]]:
    """Published training paths (for prerequisites and follow-ups)."""
    rows = db.session.execute(
        select(TrainingPath.id, TrainingPath.title)
        .where(TrainingPath.status == "published")
        .order_by(TrainingPath.title)
    ).all()
    return [(row.id, row.title) for row in rows]


def decision_choices() -> list[tuple[int, str]]:
    """Decisions that have been published (drafts cannot be linked)."""
    rows = db.session.execute(
        select(Decision.id, Decision.title).where(Decision.status != DECISION_DRAFT).order_by(Decision.title)
    ).all()
    return [(row.id, row.title) for row in rows]


def current_signups(user, limit: int = 5) -> list[PilotSignup]:
    """The person's active sign-ups for pilots that are not done yet (home panel)."""
    return db.session.scalars(
        select(PilotSignup)
        .options(joinedload(PilotSignup.pilot))
        .where(PilotSignup.user_id == user.id, PilotSignup.status.in_(ACTIVE))
        .join(Pilot, Pilot.id == PilotSignup.pilot_id)
        .where(Pilot.status != "done")
        .order_by(PilotSignup.created_at.desc())
        .limit(limit)
    ).all()


def current_owned(user, limit: int = 5) -> list[Pilot]:
    """Pilots the person owns or created that are not done yet (home panel)."""
    return db.session.scalars(
        select(Pilot)
        .where(or_(Pilot.owner_id == user.id, Pilot.created_by_id == user.id), Pilot.status != "done")
        .order_by(Pilot.id.desc())
        .limit(limit)
    ).all()


def all_signups_of(user) -> list[PilotSignup]:
    """Every sign-up of the person, any status, the newest first („Meine Daten“)."""
    return db.session.scalars(
        select(PilotSignup)
        .options(joinedload(PilotSignup.pilot))
        .where(PilotSignup.user_id == user.id)
        .order_by(PilotSignup.created_at.desc())
    ).all()
