"""Home panel "Meine Pilotprojekte": my sign-ups and the pilots I am responsible for."""

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from intranet.extensions import db
from intranet.pilots.models import ACTIVE, Pilot, PilotSignup


def home_panel(user):
    """Two queries; None when the person has nothing to do with pilots."""
    signups = db.session.scalars(
        select(PilotSignup)
        .options(joinedload(PilotSignup.pilot))
        .where(PilotSignup.user_id == user.id, PilotSignup.status.in_(ACTIVE))
        .join(Pilot, Pilot.id == PilotSignup.pilot_id)
        .where(Pilot.status != "done")
        .order_by(PilotSignup.created_at.desc())
        .limit(5)
    ).all()
    owned = db.session.scalars(
        select(Pilot)
        .where(or_(Pilot.owner_id == user.id, Pilot.created_by_id == user.id), Pilot.status != "done")
        .order_by(Pilot.id.desc())
        .limit(5)
    ).all()
    if not signups and not owned:
        return None
    return {"signups": signups, "owned": owned}
