"""Background jobs of the register: thin wrappers around service functions."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet import clock
from intranet.decisions.engagement import remind_acknowledgements
from intranet.decisions.models import Decision, DecisionQuestion
from intranet.decisions.services import decision_url
from intranet.extensions import db
from intranet.notify.services import notify

QUESTION_WORKING_DAYS = 5


def add_working_days(start: date, days: int, state: str) -> date:
    """The date `days` working days after `start` (weekends and public holidays skipped)."""
    calendar = holidays.Germany(subdiv=state, years=range(start.year, start.year + 2))
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in calendar:
            days -= 1
    return current


def remind_unanswered_questions() -> int:
    """Remind the owner once of each question unanswered for 5 working days."""
    now = clock.now()
    state = current_app.config["LOTSE_HOLIDAY_STATE"]
    questions = db.session.scalars(
        select(DecisionQuestion)
        .options(selectinload(DecisionQuestion.decision).selectinload(Decision.owner))
        .where(DecisionQuestion.answered_at.is_(None), DecisionQuestion.reminded_at.is_(None))
    ).all()
    sent = 0
    for question in questions:
        due = add_working_days(clock.local_date(question.created_at), QUESTION_WORKING_DAYS, state)
        if clock.local_date(now) < due:
            continue
        decision = question.decision
        sent += notify(
            [decision.owner],
            "decision.question_reminder",
            _l(
                "Eine Frage zur Entscheidung „%(title)s“ wartet seit 5 Arbeitstagen auf Ihre Antwort.",
                title=decision.title,
            ),
            f"{decision_url(decision)}#frage-{question.id}",
        )
        question.reminded_at = now
    db.session.flush()
    return sent


def remind_reviews() -> int:
    """Tell the owner when a decision's review date has come (once per review date)."""
    today = clock.local_date(clock.now())
    due = db.session.scalars(
        select(Decision)
        .options(selectinload(Decision.owner))
        .where(
            Decision.review_date.is_not(None),
            Decision.review_date <= today,
            Decision.status.in_(("decided", "implemented")),
        )
    ).all()
    sent = 0
    for decision in due:
        if decision.review_reminded_for == decision.review_date:
            continue
        sent += notify(
            [decision.owner],
            "decision.review",
            _l("Die Entscheidung „%(title)s“ soll jetzt überprüft werden.", title=decision.title),
            decision_url(decision),
        )
        decision.review_reminded_for = decision.review_date
    db.session.flush()
    return sent


def run_reminders() -> str:
    """The daily job: questions, review dates, acknowledgements."""
    questions = remind_unanswered_questions()
    reviews = remind_reviews()
    acks = remind_acknowledgements()
    return f"Fragen {questions}, Überprüfungen {reviews}, Kenntnisnahmen {acks}"
