"""Who may do what in the decision register."""

from __future__ import annotations

from intranet.org.services import org_tree
from intranet.permissions import is_leadership, is_signed_in, leads_unit

__all__ = [
    "can_acknowledge_decision",
    "can_answer_decision_question",
    "can_ask_about_decision",
    "can_change_decision_status",
    "can_create_decision",
    "can_edit_decision",
    "can_follow_decision",
    "can_manage_decision",
    "can_manage_decision_tokens",
    "can_publish_decision",
    "can_view_decision",
    "can_view_decision_acknowledgements",
    "can_view_decisions",
    "is_affected_by_decision",
]

OPEN_STATUSES = ("decided", "implemented")


def can_view_decisions(user) -> bool:
    return is_signed_in(user)


def can_create_decision(user) -> bool:
    return is_leadership(user)


def can_manage_decision(user, decision) -> bool:
    """Leadership whose scope covers the decision's responsible unit (drafts included)."""
    return leads_unit(user, decision.unit_id)


def can_view_decision(user, decision) -> bool:
    """Published decisions are for everyone; drafts only for leadership in scope."""
    if not is_signed_in(user):
        return False
    return decision.status != "draft" or can_manage_decision(user, decision)


def can_edit_decision(user, decision) -> bool:
    return decision.status in ("draft", *OPEN_STATUSES) and can_manage_decision(user, decision)


def can_publish_decision(user, decision) -> bool:
    return decision.status == "draft" and can_manage_decision(user, decision)


def can_change_decision_status(user, decision) -> bool:
    return decision.status in OPEN_STATUSES and can_manage_decision(user, decision)


def can_follow_decision(user, decision) -> bool:
    return is_signed_in(user) and decision.status != "draft"


def can_ask_about_decision(user, decision) -> bool:
    return is_signed_in(user) and decision.status != "draft"


def can_answer_decision_question(user, decision) -> bool:
    """The owner answers; leadership in scope may stand in for an absent owner."""
    if not is_signed_in(user) or decision.status == "draft":
        return False
    return decision.owner_id == user.id or can_manage_decision(user, decision)


def is_affected_by_decision(user, decision) -> bool:
    """The user's unit is one of the affected units or lies below one of them."""
    if not is_signed_in(user):
        return False
    return org_tree().is_within(user.unit_id, [unit.id for unit in decision.affected_units])


def can_acknowledge_decision(user, decision) -> bool:
    return (
        decision.requires_acknowledgement
        and decision.status in OPEN_STATUSES
        and is_affected_by_decision(user, decision)
    )


def can_view_decision_acknowledgements(user, decision) -> bool:
    """Aggregates per unit (above k) for leadership in scope; never a list of people."""
    return (
        decision.requires_acknowledgement
        and decision.status != "draft"
        and can_manage_decision(user, decision)
    )


def can_manage_decision_tokens(user) -> bool:
    return is_signed_in(user)
