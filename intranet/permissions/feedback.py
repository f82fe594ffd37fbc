"""Who may do what on the feedback board ("Feedback & Fehlerkultur")."""

from __future__ import annotations

from intranet.org.services import org_tree
from intranet.permissions import is_admin, is_leadership, is_signed_in, leads_unit

__all__ = [
    "can_answer_feedback",
    "can_change_post_status",
    "can_hide_post",
    "can_moderate_feedback",
    "can_participate_in_post",
    "can_post_feedback",
    "can_see_hidden_post",
    "can_use_feedback",
    "can_view_post",
]


def can_use_feedback(user) -> bool:
    return is_signed_in(user)


def can_post_feedback(user) -> bool:
    return is_signed_in(user)


def can_view_post(user, post) -> bool:
    """Everyone signed in may open a post; a hidden one shows only its tombstone."""
    return is_signed_in(user)


def can_see_hidden_post(user, post) -> bool:
    """The content of a hidden post stays visible to moderators only."""
    return not post.is_hidden or can_moderate_feedback(user)


def can_participate_in_post(user, post) -> bool:
    """Support, comment, follow, report: only while the post is not hidden."""
    return is_signed_in(user) and not post.is_hidden


def can_answer_feedback(user, post) -> bool:
    """Admins, and leadership for posts of their units (a post without unit: top leadership)."""
    if is_admin(user):
        return True
    if not is_leadership(user):
        return False
    if post.unit_id is not None:
        return leads_unit(user, post.unit_id)
    return any(leads_unit(user, root.id) for root in org_tree().roots())


def can_change_post_status(user, post) -> bool:
    """Offer "Status ändern": a hidden post gets no new status (the service refuses it too)."""
    return not post.is_hidden and can_answer_feedback(user, post)


def can_moderate_feedback(user) -> bool:
    return is_admin(user)


def can_hide_post(user, post) -> bool:
    """Offer "Ausblenden" on a post that is not hidden yet."""
    return not post.is_hidden and can_moderate_feedback(user)
