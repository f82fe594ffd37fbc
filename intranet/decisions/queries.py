"""Reading the register: visibility, filters, the timeline ("Was kommt wann?")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from intranet import permissions
from intranet.decisions.models import DRAFT, STATUSES, Decision, decision_unit
from intranet.extensions import db
from intranet.org.services import org_tree

MAX_SEARCH = 200
MAX_WORDS = 6
SEARCHABLE = (
    Decision.title,
    Decision.summary,
    Decision.context,
    Decision.decision_text,
    Decision.rationale,
    Decision.consequences,
    Decision.decided_by,
)


@dataclass
class RegisterFilter:
    """Validated filters of the register, the feed and the API."""

    q: str = ""
    unit_id: int | None = None
    mine: bool = False
    topic_id: int | None = None
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


def visible(user, query=None):
    """Published decisions, plus drafts of units in the user's leadership scope."""
    query = query if query is not None else select(Decision)
    scope = permissions.leadership_unit_ids(user)
    if scope:
        return query.where(or_(Decision.status != DRAFT, Decision.unit_id.in_(scope)))
    return query.where(Decision.status != DRAFT)


def published(query=None):
    query = query if query is not None else select(Decision)
    return query.where(Decision.status != DRAFT)


def relevant_unit_ids(unit_id: int) -> set[int]:
    """Decisions for a unit: those affecting it, a unit above it, or a unit below it."""
    tree = org_tree()
    return {unit.id for unit in tree.ancestors(unit_id)} | tree.descendant_ids(unit_id)


def affecting(unit_ids) -> object:
    return Decision.id.in_(
        select(decision_unit.c.decision_id).where(decision_unit.c.unit_id.in_(list(unit_ids) or [-1]))
    )


def _matches(word: str):
    """Any text field contains the word, ignoring case.

    SQLite's lower() only folds ASCII, so the word is also tried capitalised ("änderung"
    finds "Änderung"); PostgreSQL folds everything.
    """
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    lower = f"%{escaped.lower()}%"
    capitalised = f"%{escaped[:1].upper()}{escaped[1:].lower()}%"
    conditions = []
    for column in SEARCHABLE:
        conditions.append(func.lower(column).like(lower, escape="\\"))
        conditions.append(column.like(capitalised, escape="\\"))
    return or_(*conditions)


def apply_filter(query, filters: RegisterFilter, user=None):
    for word in filters.q[:MAX_SEARCH].split()[:MAX_WORDS]:
        query = query.where(_matches(word))
    if filters.mine and user is not None:
        ancestors = [unit.id for unit in org_tree().ancestors(user.unit_id)]
        query = query.where(affecting(ancestors))
    if filters.unit_id:
        query = query.where(affecting(relevant_unit_ids(filters.unit_id)))
    if filters.topic_id:
        query = query.where(Decision.topic_id == filters.topic_id)
    if filters.status in STATUSES:
        query = query.where(Decision.status == filters.status)
    if filters.date_from:
        query = query.where(Decision.effective_date >= filters.date_from)
    if filters.date_to:
        query = query.where(Decision.effective_date <= filters.date_to)
    return query


def list_options():
    return (selectinload(Decision.affected_units), selectinload(Decision.topic))


def register_query(user, filters: RegisterFilter):
    query = apply_filter(visible(user), filters, user)
    return query.options(*list_options()).order_by(
        Decision.published_at.desc().nulls_first(), Decision.id.desc()
    )


def stream_register(user, filters: RegisterFilter):
    """The register's decisions for an export, fetched in batches (constant memory)."""
    from intranet.extensions import db

    return db.session.scalars(register_query(user, filters).execution_options(yield_per=500))


def timeline(
    user, filters: RegisterFilter, today: date, past_days: int = 90, limit: int = 100
) -> tuple[list[Decision], list[Decision]]:
    """Upcoming changes (soonest first) and recent ones (newest first)."""
    base = (
        apply_filter(published(), filters, user)
        .where(Decision.status.in_(("decided", "implemented")))
        .options(*list_options())
    )
    upcoming = (
        base.where(Decision.effective_date >= today)
        .order_by(Decision.effective_date, Decision.id)
        .limit(limit)
    )
    recent = (
        base.where(
            Decision.effective_date < today, Decision.effective_date >= today - timedelta(days=past_days)
        )
        .order_by(Decision.effective_date.desc(), Decision.id.desc())
        .limit(limit)
    )
    from intranet.extensions import db

    return list(db.session.scalars(upcoming)), list(db.session.scalars(recent))


def pending_acknowledgements(user, limit: int) -> list[Decision]:
    """Decisions the person still has to acknowledge, the earliest effective date first."""
    from intranet.decisions.engagement import pending_acknowledgement_query

    return list(db.session.scalars(pending_acknowledgement_query(user).limit(limit)))
