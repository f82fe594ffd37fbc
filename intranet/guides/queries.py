"""Read side: FAQ and suggestion search, the guide inbox, my questions, the detail page,
the home panel, "Meine Daten", and the objects the pages load (or 404)."""

from __future__ import annotations

from flask import abort
from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from intranet.auth.models import User
from intranet.extensions import db
from intranet.guides.escalation import sla_settings
from intranet.guides.models import (
    ANSWERED,
    OPEN,
    SOLVED,
    GuideProfile,
    Question,
    QuestionAnswer,
    QuestionEvent,
    QuestionFollow,
)
from intranet.guides.routing import guide_map
from intranet.org.models import OrgUnit
from intranet.org.services import MAX_DEPTH

INBOX_FILTERS = ("open", "mine", "escalated", "answered", "all")
FAQ_STATUSES = (ANSWERED, SOLVED)
MAX_WORD = 100  # longer "words" are no search terms (and SQLite refuses LIKE patterns > 50,000)


def _words(text: str | None) -> list[str]:
    text = (text or "").replace("\x00", "")  # PostgreSQL text cannot hold NUL
    return [w[:MAX_WORD] for w in text.lower().split() if len(w) >= 3][:6]


def faq_query(text: str | None = None, topic_id: int | None = None):
    """Answered public questions, newest first, matching all words in title or text."""
    query = (
        select(Question)
        .options(joinedload(Question.topic))
        .where(Question.is_private.is_(False), Question.status.in_(FAQ_STATUSES))
        .order_by(Question.answered_at.desc(), Question.id.desc())
    )
    for word in _words(text):
        pattern = f"%{word}%"
        query = query.where(
            or_(func.lower(Question.title).like(pattern), func.lower(Question.body).like(pattern))
        )
    if topic_id:
        query = query.where(Question.topic_id == topic_id)
    return query


def suggestions(title: str | None, limit: int = 5) -> list[Question]:
    """Answered public questions sharing any word with the title being typed."""
    words = _words(title)
    if not words:
        return []
    query = (
        select(Question)
        .where(
            Question.is_private.is_(False),
            Question.status.in_(FAQ_STATUSES),
            or_(*[func.lower(Question.title).like(f"%{w}%") for w in words]),
        )
        .order_by(Question.answered_at.desc(), Question.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def inbox_condition(user: User):
    """Questions routed to this person: own units, stand-in units, own topics below, admins."""
    gm = guide_map()
    unit_ids = gm.answering_unit_ids(user)
    conditions = [Question.current_unit_id.in_(unit_ids)] if unit_ids else []
    topic_ids = gm.topic_ids(user.id)
    if topic_ids and unit_ids:
        conditions.append(
            and_(Question.topic_id.in_(topic_ids), Question.unit_id.in_(gm.tree.subtree_ids(unit_ids)))
        )
    if "admin" in user.roles:
        conditions.append(Question.at_admins.is_(True))
    return or_(*conditions) if conditions else false()


def inbox_query(user: User, which: str = "open"):
    query = (
        select(Question)
        .options(joinedload(Question.topic), joinedload(Question.claimed_by), joinedload(Question.asker))
        .where(inbox_condition(user))
    )
    if which == "open":
        query = query.where(Question.status == OPEN)
    elif which == "mine":
        query = query.where(Question.claimed_by_id == user.id, Question.status != SOLVED)
    elif which == "escalated":
        query = query.where(Question.status == OPEN, Question.level > 0)
    elif which == "answered":
        query = query.where(Question.status.in_(FAQ_STATUSES))
    order = Question.due_at.asc() if which in ("open", "escalated") else Question.updated_at.desc()
    return query.order_by(order, Question.id.desc())


def inbox_count(user: User) -> int:
    """Open questions waiting in this person's inbox, not claimed by a colleague."""
    return db.session.scalar(
        select(func.count(Question.id)).where(
            inbox_condition(user),
            Question.status == OPEN,
            or_(Question.claimed_by_id.is_(None), Question.claimed_by_id == user.id),
        )
    )


def my_questions_query(user: User):
    return (
        select(Question)
        .options(joinedload(Question.topic))
        .where(Question.asker_id == user.id)
        .order_by((Question.status == SOLVED).asc(), Question.updated_at.desc(), Question.id.desc())
    )


def get_question_or_404(question_id: int) -> Question:
    """One question with everything its page shows (fixed number of queries), or 404."""
    question = db.session.scalar(
        select(Question)
        .options(
            joinedload(Question.asker),
            joinedload(Question.topic),
            joinedload(Question.claimed_by),
            selectinload(Question.answers).joinedload(QuestionAnswer.author),
            selectinload(Question.events).joinedload(QuestionEvent.actor),
        )
        .where(Question.id == question_id)
    )
    if question is None:
        abort(404)
    return question


def get_person_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def get_unit_or_404(unit_id: int) -> OrgUnit:
    return db.get_or_404(OrgUnit, unit_id)


def is_following(question: Question, user: User) -> bool:
    return (
        db.session.scalar(
            select(QuestionFollow.id).where(
                QuestionFollow.question_id == question.id, QuestionFollow.user_id == user.id
            )
        )
        is not None
    )


def deputy_candidates(guide: User) -> list[User]:
    """Everyone active who could stand in for this guide, by name."""
    return list(
        db.session.scalars(
            select(User).where(User.is_active_account.is_(True), User.id != guide.id).order_by(User.name)
        )
    )


def sla_rows() -> list[tuple]:
    """(depth, setting or None) for every depth of the tree that has or had a setting."""
    settings = sla_settings()
    depth = max([d for _u, d in guide_map().tree.walk(True)] + list(settings) + [0])
    return [(d, settings.get(d)) for d in range(min(depth, MAX_DEPTH) + 1)]


def open_questions_of(user: User, limit: int = 5) -> list[Question]:
    """The person's unsolved questions, latest activity first (home panel)."""
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.asker_id == user.id, Question.status != SOLVED)
            .order_by(Question.updated_at.desc())
            .limit(limit)
        )
    )


def questions_asked_by(user: User, limit: int = 500) -> list[Question]:
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.asker_id == user.id)
            .order_by(Question.created_at.desc())
            .limit(limit)
        )
    )


def posts_written_by(user: User, limit: int = 500) -> list[QuestionAnswer]:
    return list(
        db.session.scalars(
            select(QuestionAnswer)
            .where(QuestionAnswer.author_id == user.id)
            .order_by(QuestionAnswer.created_at.desc())
            .limit(limit)
        )
    )


def profile_of(user: User) -> GuideProfile | None:
    return db.session.scalar(select(GuideProfile).where(GuideProfile.user_id == user.id))


def topic_directory() -> list[tuple]:
    """(topic, [(guide, unit)]) for every topic that has guides."""
    gm = guide_map()
    units_of: dict[int, list[int]] = {}
    for unit_id, guides in gm.guides_by_unit.items():
        for guide in guides:
            units_of.setdefault(guide.id, []).append(unit_id)
    by_topic: dict[int, tuple] = {}
    for profile in gm.profiles.values():
        if profile.user_id not in units_of:
            continue
        for topic in profile.topics:
            entry = by_topic.setdefault(topic.id, (topic, []))
            entry[1].extend((profile.user, gm.tree.get(u)) for u in units_of[profile.user_id])
    return sorted(by_topic.values(), key=lambda entry: entry[0].name)


def waiting_for(user: User, limit: int) -> list[Question]:
    """Open questions in this person's inbox not claimed by a colleague, most urgent first."""
    return list(
        db.session.scalars(
            inbox_query(user, "open")
            .where(or_(Question.claimed_by_id.is_(None), Question.claimed_by_id == user.id))
            .limit(limit)
        ).unique()
    )
