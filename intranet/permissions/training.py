"""Who may do what with training paths (Lernpfade)."""

from __future__ import annotations

from intranet import clock
from intranet.permissions import (
    guides_unit,
    is_admin,
    is_guide,
    is_leadership,
    is_signed_in,
    leads_unit,
)

__all__ = [
    "can_assign_path",
    "can_confirm_practice",
    "can_create_path",
    "can_edit_path",
    "can_enrol",
    "can_see_own_enrolment",
    "can_view_path",
    "can_view_practice_inbox",
    "can_view_training_report",
    "is_training_editor",
    "can_assign_to_unit",
    "can_change_path_status",
    "can_take_or_return_seat",
]

# Draft → published → archived, and back from the archive to published.
_NEXT_STATUS = {"draft": ("published",), "published": ("archived",), "archived": ("published",)}


def is_training_editor(user) -> bool:
    """Editors of training paths are guides and admins."""
    return is_guide(user) or is_admin(user)


def can_create_path(user) -> bool:
    return is_training_editor(user)


def can_edit_path(user, path) -> bool:
    """Admins edit every path; guides edit the paths they wrote."""
    if path is None:
        return False
    return is_admin(user) or (is_guide(user) and path.author_id == user.id)


def can_change_path_status(user, path, status: str) -> bool:
    """An editor of the path moves it one step along draft → published → archived (→ published)."""
    return can_edit_path(user, path) and status in _NEXT_STATUS.get(path.status, ())


def can_view_path(user, path) -> bool:
    """Published and archived paths are open to all staff; drafts only to their editors."""
    if not is_signed_in(user) or path is None:
        return False
    return path.status in ("published", "archived") or can_edit_path(user, path)


def can_enrol(user, path) -> bool:
    return is_signed_in(user) and path is not None and path.status == "published"


def can_see_own_enrolment(user, enrolment) -> bool:
    """Individual progress is visible to the learner only."""
    return is_signed_in(user) and enrolment is not None and enrolment.user_id == user.id


def can_view_practice_inbox(user) -> bool:
    return is_guide(user)


def can_confirm_practice(user, practice_request) -> bool:
    """A guide whose scope covers the learner's unit confirms their practice."""
    if practice_request is None:
        return False
    return guides_unit(user, practice_request.enrolment.user.unit_id)


def can_assign_path(user, path) -> bool:
    return is_leadership(user) and path is not None and path.status == "published"


def can_assign_to_unit(user, unit_id) -> bool:
    return leads_unit(user, unit_id)


def can_view_training_report(user) -> bool:
    return is_leadership(user)


def can_take_or_return_seat(user, step) -> bool:
    """Places of an in-person session are taken and given back until the session begins."""
    return (
        is_signed_in(user)
        and step is not None
        and step.kind == "session"
        and step.session_starts_at is not None
        and step.session_starts_at > clock.now()
    )
