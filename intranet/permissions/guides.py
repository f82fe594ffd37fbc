"""Who may do what with guides and questions ("Lotsen & Fragen")."""

from __future__ import annotations

from intranet.permissions import guides_unit, is_admin, is_guide, is_signed_in

__all__ = [
    "is_on_route",
    "can_view_question",
    "can_answer_question",
    "can_claim_question",
    "can_release_question",
    "can_reply_to_question",
    "can_accept_answer",
    "can_mark_question_solved",
    "can_reopen_question",
    "can_follow_question",
    "can_use_guide_inbox",
    "can_edit_guide_profile",
    "can_manage_guides",
]


def _stands_in_on_chain(user, question) -> bool:
    from intranet.guides.routing import guide_map

    gm = guide_map()
    stand_in = gm.stand_in_unit_ids(user.id)
    return bool(stand_in) and gm.tree.is_within(question.unit_id, stand_in)


def is_on_route(user, question) -> bool:
    """Guides (and standing-in deputies) of the asker's unit and every unit above it;
    the admins once the question reached them."""
    if not is_signed_in(user):
        return False
    if guides_unit(user, question.unit_id):
        return True
    if question.at_admins and is_admin(user):
        return True
    return _stands_in_on_chain(user, question)


def can_view_question(user, question) -> bool:
    if not is_signed_in(user):
        return False
    if not question.is_private:
        return True
    return user.id == question.asker_id or is_on_route(user, question)


def can_answer_question(user, question) -> bool:
    return question.status != "solved" and is_on_route(user, question)


def can_claim_question(user, question) -> bool:
    return can_answer_question(user, question) and question.claimed_by_id is None


def can_release_question(user, question) -> bool:
    return is_signed_in(user) and question.claimed_by_id == user.id and question.status != "solved"


def _is_asker(user, question) -> bool:
    return is_signed_in(user) and user.id == question.asker_id


def can_reply_to_question(user, question) -> bool:
    return _is_asker(user, question)


def can_accept_answer(user, question) -> bool:
    return _is_asker(user, question) and question.status != "solved"


def can_mark_question_solved(user, question) -> bool:
    return question.status != "solved" and (_is_asker(user, question) or is_on_route(user, question))


def can_reopen_question(user, question) -> bool:
    return _is_asker(user, question) and question.status == "solved"


def can_follow_question(user, question) -> bool:
    return can_view_question(user, question)


def can_use_guide_inbox(user) -> bool:
    if not is_signed_in(user):
        return False
    if is_guide(user) or is_admin(user):
        return True
    return _is_standing_in(user)


def _is_standing_in(user) -> bool:
    """Deputy of an absent guide? One indexed query instead of loading the whole guide map,
    because the header and the home page ask this for every member of staff."""
    from sqlalchemy import exists, select

    from intranet.extensions import db
    from intranet.guides.models import GuideProfile

    return bool(
        db.session.scalar(
            select(exists().where(GuideProfile.deputy_id == user.id, GuideProfile.is_absent.is_(True)))
        )
    )


def can_edit_guide_profile(user, guide) -> bool:
    return is_signed_in(user) and is_guide(guide) and (user.id == guide.id or is_admin(user))


def can_manage_guides(user) -> bool:
    return is_admin(user)
