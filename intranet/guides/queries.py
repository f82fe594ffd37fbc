"""Read side: FAQ and suggestion search, the guide inbox, my questions, the detail page."""

from __future__ import annotations

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from intranet.auth.models import User
from intranet.extensions import db
from intranet.guides.models import ANSWERED, OPEN, SOLVED, Question, QuestionAnswer, QuestionEvent
from intranet.guides.routing import guide_map

INBOX_FILTERS = ("open", "mine", "escalated", "answered", "all")
FAQ_STATUSES = (ANSWERED, SOLVED)


def _words(text: str | None) -> list[str]:
    text = (text or "").replace("\x00", "")  # PostgreSQL text cannot hold NUL
    return [w for w in text.lower().split() if len(w) >= 3][:6]


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


def load_question(question_id: int) -> Question | None:
    """One question with everything its page shows (fixed number of queries)."""
    return db.session.scalar(
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
