"""Asking, answering, claiming and solving questions; guide profiles; SLA settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from intranet import clock
from intranet.audit.services import record
from intranet.auth.models import RoleAssignment, User
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.form_rules import REQUIRED, too_long
from intranet.guides.escalation import question_path, start_clock, stop_clock
from intranet.guides.models import (
    ANSWERED,
    ASKED_BACK,
    OPEN,
    SOLVED,
    EscalationSetting,
    GuideProfile,
    Question,
    QuestionAnswer,
    QuestionEvent,
    QuestionFollow,
)
from intranet.guides.queries import is_following
from intranet.guides.routing import guide_map, invalidate_guide_map, recipients_for
from intranet.notify.services import notify
from intranet.topics.models import Topic

TITLE_MAX = 200
BODY_MAX = 10_000


class GuidesError(DomainError):
    """A rule of the guides feature was broken; the message is shown next to `field`."""


def _clean(text: str | None, field: str, maximum: int, required: bool = True) -> str:
    text = (text or "").replace("\x00", "").strip()  # PostgreSQL text cannot hold NUL
    if required and not text:
        raise GuidesError(REQUIRED, field)
    if len(text) > maximum:
        raise GuidesError(too_long(maximum), field)
    return text


def _event(question: Question, kind: str, actor: User | None, unit_id=None) -> None:
    db.session.add(
        QuestionEvent(
            question=question,
            kind=kind,
            actor_id=actor.id if actor else None,
            unit_id=unit_id,
            level=question.level,
            created_at=clock.now(),
        )
    )


def _follower_ids(question: Question) -> list[int]:
    return list(
        db.session.scalars(select(QuestionFollow.user_id).where(QuestionFollow.question_id == question.id))
    )


def _notify_followers(question: Question, actor: User, message) -> None:
    ids = _follower_ids(question)
    people = db.session.scalars(select(User).where(User.id.in_(ids))).all() if ids else []
    notify(people, "question_update", message, question_path(question.id), exclude=actor)


def follow(question: Question, user: User) -> None:
    """Follow a question (idempotent)."""
    if not is_following(question, user):
        db.session.add(QuestionFollow(question_id=question.id, user_id=user.id))
        db.session.flush()


def unfollow(question: Question, user: User) -> None:
    """Stop following a question."""
    db.session.execute(
        delete(QuestionFollow).where(
            QuestionFollow.question_id == question.id, QuestionFollow.user_id == user.id
        )
    )


def ask(asker: User, title: str, body: str, topic_id: int | None, is_private: bool) -> Question:
    """Create a question, route it to the nearest guides (or the admins) and notify them."""
    title = _clean(title, "title", TITLE_MAX)
    body = _clean(body, "body", BODY_MAX, required=False)
    topic = None
    if topic_id:
        topic = db.session.get(Topic, topic_id)
        if topic is None or not topic.is_active:
            raise GuidesError(
                _l("Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."), "topic_id"
            )
    target = guide_map().route_unit(asker.unit_id, topic.id if topic else None)
    now = clock.now()
    question = Question(
        asker=asker,
        unit_id=asker.unit_id,
        topic=topic,
        title=title,
        body=body,
        is_private=bool(is_private),
        status=OPEN,
        current_unit_id=target,
        at_admins=target is None,
        created_at=now,
        updated_at=now,
    )
    db.session.add(question)
    start_clock(question, now)
    _event(question, "asked", asker, target)
    db.session.flush()
    follow(question, asker)
    notify(
        recipients_for(target, question.topic_id),
        "question_new",
        _l("Neue Frage an Sie: %(title)s", title=title),
        question_path(question.id),
        exclude=asker,
    )
    return question


def claim(question: Question, guide: User) -> None:
    """Take a question over; refused if a colleague was quicker (atomic)."""
    claimed = db.session.execute(
        update(Question)
        .where(Question.id == question.id, Question.claimed_by_id.is_(None), Question.status != SOLVED)
        .values(claimed_by_id=guide.id, claimed_at=clock.now())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(question)
    if not claimed:
        if question.claimed_by_id == guide.id:
            return
        holder = question.claimed_by.name if question.claimed_by else _l("jemand anderes")
        raise GuidesError(_l("%(name)s hat diese Frage gerade übernommen.", name=holder))
    _event(question, "claimed", guide, question.current_unit_id)
    follow(question, guide)


def release(question: Question, guide: User) -> None:
    """Give a claimed question back to the team."""
    if question.claimed_by_id != guide.id:
        raise GuidesError(_l("Sie haben diese Frage nicht übernommen."))
    question.claimed_by_id, question.claimed_at = None, None
    _event(question, "released", guide, question.current_unit_id)
    db.session.flush()


def answer(question: Question, guide: User, body: str, ask_back: bool = False) -> QuestionAnswer:
    """A guide answers or asks back; either stops the SLA clock."""
    if question.status == SOLVED:
        raise GuidesError(
            _l(
                "Die Frage ist schon gelöst. Sie kann erst wieder beantwortet "
                "werden, wenn sie erneut geöffnet wird."
            ),
            "body",
        )
    body = _clean(body, "body", BODY_MAX)
    now = clock.now()
    post = QuestionAnswer(
        question=question, author=guide, body=body, created_at=now, kind="ask_back" if ask_back else "answer"
    )
    db.session.add(post)
    question.status = ASKED_BACK if ask_back else ANSWERED
    if not ask_back:
        question.answered_at = question.answered_at or now
    if question.claimed_by_id is None:
        question.claimed_by_id, question.claimed_at = guide.id, now
    question.updated_at = now
    stop_clock(question)
    _event(question, "asked_back" if ask_back else "answered", guide, question.current_unit_id)
    db.session.flush()
    follow(question, guide)
    message = (
        _l("Rückfrage zu Ihrer Frage: %(title)s", title=question.title)
        if ask_back
        else _l("Neue Antwort auf: %(title)s", title=question.title)
    )
    _notify_followers(question, guide, message)
    return post


def reply(question: Question, asker: User, body: str) -> QuestionAnswer:
    """The asker follows up; the question is open again and the clock restarts."""
    body = _clean(body, "body", BODY_MAX)
    now = clock.now()
    post = QuestionAnswer(question=question, author=asker, body=body, kind="reply", created_at=now)
    db.session.add(post)
    if question.status == SOLVED:
        question.accepted_answer_id = None
    question.status, question.updated_at = OPEN, now
    start_clock(question, now)
    _event(question, "replied", asker, question.current_unit_id)
    db.session.flush()
    message = _l("Neue Nachricht zur Frage: %(title)s", title=question.title)
    _notify_followers(question, asker, message)
    if question.claimed_by_id is None:
        notify(
            recipients_for(question.current_unit_id, question.topic_id),
            "question_update",
            message,
            question_path(question.id),
            exclude=asker,
        )
    return post


def accept(question: Question, asker: User, answer_id: int) -> None:
    """ "Hat geholfen": the asker accepts a guide's answer; the question is solved."""
    post = next((a for a in question.answers if a.id == answer_id and a.kind == "answer"), None)
    if post is None:
        raise GuidesError(_l("Diese Antwort gehört nicht zu Ihrer Frage."))
    question.accepted_answer_id = post.id
    _solve(question, asker, "accepted")
    _notify_followers(question, asker, _l("Ihre Antwort hat geholfen: %(title)s", title=question.title))


def mark_solved(question: Question, user: User) -> None:
    """Close a question as solved (asker or a guide on its route)."""
    if question.status == SOLVED:
        raise GuidesError(_l("Die Frage ist schon gelöst."))
    _solve(question, user, "solved")
    _notify_followers(question, user, _l("Als gelöst markiert: %(title)s", title=question.title))


def _solve(question: Question, user: User, kind: str) -> None:
    now = clock.now()
    question.status, question.updated_at = SOLVED, now
    question.answered_at = question.answered_at or now
    stop_clock(question)
    _event(question, kind, user, question.current_unit_id)
    db.session.flush()


def reopen(question: Question, asker: User) -> None:
    """The asker reopens a solved question; it waits for a guide again."""
    if question.status != SOLVED:
        raise GuidesError(_l("Die Frage ist noch nicht gelöst."))
    now = clock.now()
    question.status, question.accepted_answer_id, question.updated_at = OPEN, None, now
    start_clock(question, now)
    _event(question, "reopened", asker, question.current_unit_id)
    db.session.flush()
    notify(
        recipients_for(question.current_unit_id, question.topic_id),
        "question_update",
        _l("Wieder geöffnet: %(title)s", title=question.title),
        question_path(question.id),
        exclude=asker,
    )


def save_profile(
    guide: User, is_absent: bool, deputy_id: int | None, topic_ids: list[int], note: str
) -> GuideProfile:
    """Update a guide's availability, deputy and topics."""
    profile = db.session.scalar(select(GuideProfile).where(GuideProfile.user_id == guide.id))
    if profile is None:
        profile = GuideProfile(user_id=guide.id)
        db.session.add(profile)
    deputy = db.session.get(User, deputy_id) if deputy_id else None
    if deputy_id and (deputy is None or not deputy.is_active_account):
        raise GuidesError(_l("Diese Person gibt es nicht oder sie ist deaktiviert."), "deputy_id")
    if deputy is not None and deputy.id == guide.id:
        raise GuidesError(_l("Sie können nicht Ihre eigene Vertretung sein."), "deputy_id")
    if is_absent and deputy is None:
        raise GuidesError(_l("Bitte wählen Sie eine Vertretung, solange Sie abwesend sind."), "deputy_id")
    topics = list(db.session.scalars(select(Topic).where(Topic.id.in_(topic_ids or []))))
    if len(topics) != len(set(topic_ids or [])):
        raise GuidesError(_l("Mindestens eines der Themen gibt es nicht."), "topic_ids")
    profile.is_absent, profile.deputy_id, profile.topics = bool(is_absent), deputy_id, topics
    profile.note = _clean(note, "note", 300, required=False)
    db.session.flush()
    invalidate_guide_map()
    return profile


def save_sla(depth: int, sla_hours: int, warn_hours: int) -> EscalationSetting:
    """Set the SLA (working hours) for questions at one depth of the tree."""
    if not 1 <= sla_hours <= 24 * 30:
        raise GuidesError(_l("Bitte eine Zahl zwischen 1 und 720 Stunden."), "sla_hours")
    if not 0 <= warn_hours < sla_hours:
        raise GuidesError(_l("Die Warnung muss vor der Frist liegen (0 = keine Warnung)."), "warn_hours")
    setting = db.session.get(EscalationSetting, depth) or EscalationSetting(depth=depth)
    setting.sla_hours, setting.warn_hours = sla_hours, warn_hours
    db.session.add(setting)
    db.session.flush()
    return setting


def assign_guide(unit, email: str, actor: User) -> User:
    """Make the person with this e-mail address a guide of the unit (admins)."""
    email = _clean(email, "email", 254).lower()
    person = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if person is None or not person.is_active_account:
        raise GuidesError(_l("Unter dieser E-Mail-Adresse gibt es keine aktive Person."), "email")
    if not unit.is_active:
        raise GuidesError(_l("Die Einheit ist deaktiviert."), "email")
    if unit.id in person.scope_unit_ids("guide"):
        raise GuidesError(_l("%(name)s ist hier schon Lotsin oder Lotse.", name=person.name), "email")
    person.role_assignments.append(RoleAssignment(role="guide", unit_id=unit.id))
    record(actor, "guide_assigned", unit, summary=f"{person.name} → {unit.name}")
    db.session.flush()
    invalidate_guide_map()
    return person


def remove_guide(unit, person: User, actor: User) -> None:
    """End a person's guide role for this unit (their questions stay; new ones route on)."""
    assignment = next(
        (a for a in person.role_assignments if a.role == "guide" and a.unit_id == unit.id), None
    )
    if assignment is None:
        raise GuidesError(_l("Diese Person ist hier keine Lotsin und kein Lotse."))
    person.role_assignments.remove(assignment)
    record(actor, "guide_removed", unit, summary=f"{person.name} → {unit.name}")
    db.session.flush()
    invalidate_guide_map()
