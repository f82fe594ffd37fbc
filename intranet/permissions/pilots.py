"""Who may do what with pilot projects.

Every signed-in person sees pilots and may sign up; leadership and admins create
pilots; the creator, the named owner and admins manage a pilot. Motivations are
visible to those who manage the pilot only. People leave a pilot themselves until its
evaluation starts.
"""

from __future__ import annotations

from intranet.pilots.models import WITH_RESULTS, WITHDRAWABLE

__all__ = [
    "can_view_pilots",
    "can_create_pilot",
    "can_manage_pilot",
    "can_sign_up_for_pilot",
    "can_withdraw_from_pilot",
    "can_open_or_close_pilot_signup",
    "can_publish_pilot_results",
    "can_see_pilot_motivations",
]


def _signed_in(user) -> bool:
    return bool(user) and user.is_authenticated


def _admin(user) -> bool:
    return _signed_in(user) and "admin" in user.roles


def can_view_pilots(user) -> bool:
    return _signed_in(user)


def can_create_pilot(user) -> bool:
    return _signed_in(user) and bool({"leadership", "admin"} & user.roles)


def can_manage_pilot(user, pilot) -> bool:
    if not _signed_in(user) or pilot is None:
        return False
    return _admin(user) or user.id in (pilot.owner_id, pilot.created_by_id)


def can_sign_up_for_pilot(user, pilot) -> bool:
    """May this person use the sign-up form at all (the service checks status and deadline)."""
    return _signed_in(user) and pilot is not None


def can_withdraw_from_pilot(user, signup) -> bool:
    """May this person withdraw this sign-up themselves (their own, active, before evaluation)."""
    return (
        _signed_in(user)
        and signup is not None
        and signup.user_id == user.id
        and signup.is_active
        and signup.pilot.status in WITHDRAWABLE
    )


def can_open_or_close_pilot_signup(user, pilot) -> bool:
    """Sign-up can be closed (and reopened) by those who manage the pilot while it is open."""
    return can_manage_pilot(user, pilot) and pilot.status == "open"


def can_publish_pilot_results(user, pilot) -> bool:
    """Results are published by those who manage the pilot, once its evaluation has started."""
    return can_manage_pilot(user, pilot) and pilot.status in WITH_RESULTS


def can_see_pilot_motivations(user, pilot) -> bool:
    return can_manage_pilot(user, pilot)
