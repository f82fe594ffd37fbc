"""SLA deadlines in working time, and the escalation and warning jobs.

When the clock runs and when it stops
-------------------------------------
A question's clock runs only while its status is ``open`` – it is waiting for a guide.
It starts when the question is asked, and starts again with a full SLA when the
question reaches a new level (escalation), when the asker replies to an ask-back or to
an answer, and when the asker reopens a solved question.

The clock stops (``due_at`` and ``warn_at`` become NULL) on exactly these events:

* a guide on the route **answers** (status ``answered``);
* a guide **asks back** (status ``asked_back``; the asker has to act);
* the question is **marked solved** (by the asker, "hat geholfen", or by a guide);
* it **reaches the admins** at the top (nobody above them to escalate to).

A claim alone does **not** stop the clock: a guide who claims must also reply
(answer or ask back) before the deadline, otherwise the question moves up.

Working time: every calendar day counts fully (00:00–24:00 Europe/Berlin) unless
it is a Saturday, Sunday or a public holiday of ``LOTSE_HOLIDAY_STATE`` (default
BW) – so Friday 15:00 plus 2 working days is Tuesday 15:00.

Exactly once: each step is an atomic, set-based conditional UPDATE per group of
questions sitting at the same unit, topic and level (``UPDATE question SET level =
<old> + 1, current_unit_id = … WHERE current_unit_id = … AND level = <old> AND status =
'open' AND due_at <= now RETURNING id``); trail entries and notifications are written
only for the returned rows, in the same transaction. A second job run, or a second
scheduler process racing the first, finds the rows already moved and changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

import holidays
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, insert, literal, select, update

from intranet import clock, urls
from intranet.db_types import UTCDateTime
from intranet.extensions import db
from intranet.guides.models import OPEN, EscalationSetting, Question, QuestionEvent
from intranet.guides.routing import guide_map, recipients_for
from intranet.notify.services import notify

BERLIN = clock.LOCAL_TZ
DEFAULT_SLA_HOURS = 48
DEFAULT_WARN_HOURS = 4
MAX_SINGLE_NOTIFICATIONS = 5  # more escalations to one person in one run → one summary


@lru_cache(maxsize=8)
def _holiday_calendar(state: str) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=state)  # years are filled in on demand


def is_working_day(day, state: str | None = None) -> bool:
    state = state or current_app.config["LOTSE_HOLIDAY_STATE"]
    return day.weekday() < 5 and day not in _holiday_calendar(state)


def _next_midnight(moment: datetime) -> datetime:
    local_day = moment.astimezone(BERLIN).date()
    return datetime.combine(local_day + timedelta(days=1), time(0), tzinfo=BERLIN).astimezone(UTC)


def add_working_hours(start: datetime, hours: float, state: str | None = None) -> datetime:
    """The moment `hours` of working time after `start` (aware UTC in, aware UTC out)."""
    current, remaining = start.astimezone(UTC), timedelta(hours=hours)
    for _day in range(3660):  # bounded: ten years of days
        midnight = _next_midnight(current)
        if is_working_day(current.astimezone(BERLIN).date(), state):
            available = midnight - current
            if remaining <= available:
                return current + remaining
            remaining -= available
        current = midnight
    raise ValueError("SLA too long")


def subtract_working_hours(end: datetime, hours: float, state: str | None = None) -> datetime:
    """The moment `hours` of working time before `end`."""
    current, remaining = end.astimezone(UTC), timedelta(hours=hours)
    for _day in range(3660):
        local = current.astimezone(BERLIN)
        day_start = datetime.combine(local.date(), time(0), tzinfo=BERLIN).astimezone(UTC)
        if current == day_start:  # at midnight: step into the previous day
            day_start = datetime.combine(local.date() - timedelta(days=1), time(0), tzinfo=BERLIN).astimezone(
                UTC
            )
        if is_working_day(day_start.astimezone(BERLIN).date(), state):
            available = current - day_start
            if remaining <= available:
                return current - remaining
            remaining -= available
        current = day_start
    raise ValueError("SLA too long")


def sla_settings() -> dict[int, EscalationSetting]:
    return {s.depth: s for s in db.session.scalars(select(EscalationSetting))}


def deadlines(start: datetime, depth: int, settings: dict | None = None) -> tuple:
    """(due_at, warn_at) for a question reaching a unit at this depth at `start`."""
    settings = sla_settings() if settings is None else settings
    setting = settings.get(depth)
    sla = setting.sla_hours if setting else DEFAULT_SLA_HOURS
    warn = setting.warn_hours if setting else DEFAULT_WARN_HOURS
    due = add_working_hours(start, sla)
    warn_at = subtract_working_hours(due, warn) if 0 < warn < sla else None
    return due, warn_at


def start_clock(question: Question, now: datetime | None = None) -> None:
    """Give the question a full SLA at its current level (or none at the admins)."""
    now = now or clock.now()
    if question.current_unit_id is None:
        question.due_at = question.warn_at = None
        return
    depth = guide_map().tree.depth(question.current_unit_id)
    question.due_at, question.warn_at = deadlines(now, depth)
    question.warned_at = None


def stop_clock(question: Question) -> None:
    question.due_at = question.warn_at = None


def escalate_overdue(now: datetime | None = None) -> int:
    """Move every overdue open question one level up (bulk, exactly once); returns the count."""
    now = now or clock.now()
    groups = db.session.execute(
        select(Question.current_unit_id, Question.topic_id, Question.level)
        .distinct()
        .where(Question.status == OPEN, Question.due_at.is_not(None), Question.due_at <= now)
    ).all()
    gm, settings = guide_map(), sla_settings()
    notices: dict[int, list] = defaultdict(list)
    users: dict[int, object] = {}
    moved_total = 0
    for unit_id, topic_id, level in groups:
        target = gm.route_unit(unit_id, topic_id, include_self=False) if unit_id else None
        due, warn = deadlines(now, gm.tree.depth(target), settings) if target is not None else (None, None)
        moved = _move(unit_id, topic_id, level, now, target, due, warn)
        if not moved:
            continue
        moved_total += len(moved)
        _record_escalations(target, level + 1, now)
        for person in recipients_for(target, topic_id):
            users[person.id] = person
            notices[person.id].extend(moved)
    _notify_grouped(
        notices,
        users,
        "question_escalated",
        lambda title: _l("Weitergeleitet an Sie (nächste Ebene): %(title)s", title=title),
        lambda count: _l("%(count)d Fragen wurden an Sie weitergeleitet (nächste Ebene).", count=count),
        urls.path_for("guides.inbox", filter="escalated"),
    )
    return moved_total


def _move(unit_id, topic_id, level, now, target, due, warn) -> list[int]:
    """One set-based conditional UPDATE per (unit, topic, level) group; returns the moved ids."""
    same_topic = Question.topic_id.is_(None) if topic_id is None else Question.topic_id == topic_id
    return list(
        db.session.scalars(
            update(Question)
            .where(
                Question.current_unit_id == unit_id,
                same_topic,
                Question.level == level,
                Question.status == OPEN,
                Question.due_at.is_not(None),
                Question.due_at <= now,
            )
            .values(
                level=level + 1,
                current_unit_id=target,
                at_admins=target is None,
                due_at=due,
                warn_at=warn,
                warned_at=None,
                claimed_by_id=None,
                claimed_at=None,
                updated_at=now,
            )
            .returning(Question.id)
            .execution_options(synchronize_session=False)
        ).all()
    )


def _record(kind: str, question_ids: list[int], now: datetime) -> None:
    """Trail entries for the given questions at their current unit and level, set-based."""
    for start in range(0, len(question_ids), 5000):
        chunk = question_ids[start : start + 5000]
        db.session.execute(
            insert(QuestionEvent).from_select(
                ["question_id", "kind", "unit_id", "level", "created_at"],
                select(
                    Question.id,
                    literal(kind),
                    Question.current_unit_id,
                    Question.level,
                    literal(now, UTCDateTime()),
                ).where(Question.id.in_(chunk)),
            )
        )


def _record_escalations(target: int | None, level: int, now: datetime) -> None:
    """One "escalated" trail entry per question that reached `level` at `target` just now.

    Set-based without id lists: a question has exactly one such entry per level it
    reached, so NOT EXISTS keeps this exact even when several groups share a target.
    """
    already = (
        select(QuestionEvent.id)
        .where(
            QuestionEvent.question_id == Question.id,
            QuestionEvent.kind == "escalated",
            QuestionEvent.level == Question.level,
        )
        .exists()
    )
    db.session.execute(
        insert(QuestionEvent).from_select(
            ["question_id", "kind", "unit_id", "level", "created_at"],
            select(
                Question.id,
                literal("escalated"),
                Question.current_unit_id,
                Question.level,
                literal(now, UTCDateTime()),
            ).where(
                Question.current_unit_id.is_(None) if target is None else Question.current_unit_id == target,
                Question.level == level,
                Question.updated_at == now,
                ~already,
            ),
        )
    )


def question_path(question_id: int) -> str:
    """The stored link to a question (notifications)."""
    return urls.path_for("guides.question", question_id=question_id)


def _notify_grouped(
    notices: dict[int, list], users: dict, kind: str, single, summary, summary_url: str
) -> None:
    """One notification per question, or one summary for people who get many at once."""
    wanted = {qid for ids in notices.values() if len(ids) <= MAX_SINGLE_NOTIFICATIONS for qid in ids}
    titles = (
        dict(db.session.execute(select(Question.id, Question.title).where(Question.id.in_(wanted))).all())
        if wanted
        else {}
    )
    for user_id, question_ids in notices.items():
        person = users[user_id]
        if len(question_ids) <= MAX_SINGLE_NOTIFICATIONS:
            for qid in question_ids:
                notify([person], kind, single(titles[qid]), question_path(qid))
        else:
            notify([person], kind, summary(len(question_ids)), summary_url)


def warn_before_deadline(now: datetime | None = None) -> int:
    """Warn the current guides of open questions whose deadline is near (exactly once)."""
    now = now or clock.now()
    warned = db.session.execute(
        update(Question)
        .where(
            and_(
                Question.status == OPEN,
                Question.warn_at.is_not(None),
                Question.warn_at <= now,
                Question.warned_at.is_(None),
            )
        )
        .values(warned_at=now)
        .returning(Question.id, Question.current_unit_id, Question.topic_id, Question.level)
        .execution_options(synchronize_session=False)
    ).all()
    if not warned:
        return 0
    _record("warned", [row.id for row in warned], now)
    notices: dict[int, list] = defaultdict(list)
    users: dict[int, object] = {}
    for row in warned:
        for person in recipients_for(row.current_unit_id, row.topic_id):
            users[person.id] = person
            notices[person.id].append(row.id)
    _notify_grouped(
        notices,
        users,
        "question_deadline",
        lambda title: _l("Bald fällig – bitte antworten Sie: %(title)s", title=title),
        lambda count: _l("%(count)d Fragen sind bald fällig.", count=count),
        urls.path_for("guides.inbox", filter="open"),
    )
    return len(warned)
