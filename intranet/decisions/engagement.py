"""Staff and decisions: following, questions to the owner, acknowledgements and their aggregates."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, exists, func, select

from intranet import clock, permissions
from intranet.auth.models import User
from intranet.decisions.models import (
    Decision,
    DecisionAcknowledgement,
    DecisionFollow,
    DecisionQuestion,
    decision_unit,
)
from intranet.decisions.services import DecisionError, decision_url, followers
from intranet.extensions import db
from intranet.notify.services import notify
from intranet.org.services import member_counts, org_tree

MAX_QUESTION = 4000
OPEN_STATUSES = ("decided", "implemented")


def is_following(user: User, decision: Decision) -> bool:
    return db.session.scalar(
        select(exists().where(DecisionFollow.decision_id == decision.id, DecisionFollow.user_id == user.id))
    )


def set_following(user: User, decision: Decision, follow: bool) -> bool:
    """Follow or unfollow (idempotent); returns the new state."""
    if follow and not is_following(user, decision):
        db.session.add(DecisionFollow(decision_id=decision.id, user_id=user.id))
    elif not follow:
        db.session.execute(
            delete(DecisionFollow).where(
                DecisionFollow.decision_id == decision.id, DecisionFollow.user_id == user.id
            )
        )
    db.session.flush()
    return follow


def ask_question(asker: User, decision: Decision, body: str) -> DecisionQuestion:
    """Ask the owner a question; the owner is notified, the asker follows the decision."""
    body = (body or "").strip()
    if not body:
        raise DecisionError(_l("Bitte schreiben Sie Ihre Frage."), "body")
    if len(body) > MAX_QUESTION:
        raise DecisionError(_l("Höchstens 4000 Zeichen."), "body")
    question = DecisionQuestion(decision_id=decision.id, asker_id=asker.id, body=body)
    db.session.add(question)
    set_following(asker, decision, True)
    notify(
        [decision.owner],
        "decision.question",
        _l("Neue Frage zur Entscheidung „%(title)s“.", title=decision.title),
        question_url(decision, question),
        exclude=asker,
    )
    return question


def answer_question(actor: User, question: DecisionQuestion, answer: str) -> DecisionQuestion:
    """Answer (or correct the answer to) a question; asker and followers are notified."""
    answer = (answer or "").strip()
    if not answer:
        raise DecisionError(_l("Bitte schreiben Sie eine Antwort."), "answer")
    if len(answer) > MAX_QUESTION:
        raise DecisionError(_l("Höchstens 4000 Zeichen."), "answer")
    decision = question.decision
    question.answer, question.answered_at, question.answered_by_id = answer, clock.now(), actor.id
    db.session.flush()
    notify(
        [question.asker, *followers(decision)],
        "decision.answer",
        _l("Eine Frage zur Entscheidung „%(title)s“ wurde beantwortet.", title=decision.title),
        question_url(decision, question),
        exclude=actor,
    )
    return question


def question_url(decision: Decision, question: DecisionQuestion) -> str:
    db.session.flush()
    return f"{decision_url(decision)}#frage-{question.id}"


def acknowledgement_of(user: User, decision: Decision) -> DecisionAcknowledgement | None:
    return db.session.scalar(
        select(DecisionAcknowledgement).where(
            DecisionAcknowledgement.decision_id == decision.id, DecisionAcknowledgement.user_id == user.id
        )
    )


def has_acknowledged(user: User, decision: Decision) -> bool:
    ack = acknowledgement_of(user, decision)
    return ack is not None and ack.revision_number >= decision.ack_revision


def acknowledge(user: User, decision: Decision) -> DecisionAcknowledgement:
    """Record "zur Kenntnis genommen" for the current version (idempotent)."""
    if not permissions.can_acknowledge_decision(user, decision):
        raise DecisionError(_l("Diese Entscheidung können Sie nicht zur Kenntnis nehmen."))
    ack = acknowledgement_of(user, decision)
    if ack is None:
        ack = DecisionAcknowledgement(
            decision_id=decision.id, user_id=user.id, revision_number=decision.ack_revision
        )
        db.session.add(ack)
    elif ack.revision_number < decision.ack_revision:
        ack.revision_number, ack.acknowledged_at = decision.ack_revision, clock.now()
    db.session.flush()
    return ack


def affected_unit_ids(decision: Decision) -> set[int]:
    return org_tree().subtree_ids(unit.id for unit in decision.affected_units)


def affected_users(decision: Decision) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(
                User.unit_id.in_(affected_unit_ids(decision) or {-1}), User.is_active_account.is_(True)
            )
        )
    )


def _valid_ack():
    return and_(
        DecisionAcknowledgement.decision_id == Decision.id,
        DecisionAcknowledgement.revision_number >= Decision.ack_revision,
    )


def pending_acknowledgement_query(user: User):
    """Decisions the user still has to acknowledge (affecting one of their unit's ancestors)."""
    ancestor_ids = [unit.id for unit in org_tree().ancestors(user.unit_id)] or [-1]
    affects = select(decision_unit.c.decision_id).where(decision_unit.c.unit_id.in_(ancestor_ids))
    acked = exists().where(_valid_ack(), DecisionAcknowledgement.user_id == user.id)
    return (
        select(Decision)
        .where(
            Decision.requires_acknowledgement.is_(True),
            Decision.status.in_(OPEN_STATUSES),
            Decision.id.in_(affects),
            ~acked,
        )
        .order_by(Decision.effective_date, Decision.id)
    )


@dataclass
class UnitAcknowledgement:
    unit_name: str
    members: int
    acknowledged: int | None  # None: fewer than k members, not shown

    @property
    def percent(self) -> int:
        return round(100 * (self.acknowledged or 0) / self.members) if self.members else 0


def acknowledgement_aggregates(decision: Decision) -> tuple[list[UnitAcknowledgement], int]:
    """Acknowledged/members per affected unit (subtree); groups below k are not shown."""
    k = current_app.config["LOTSE_ANONYMITY_K"]
    tree = org_tree()
    members = member_counts()
    acked_rows = db.session.execute(
        select(User.unit_id, func.count(DecisionAcknowledgement.id))
        .join(DecisionAcknowledgement, DecisionAcknowledgement.user_id == User.id)
        .where(
            DecisionAcknowledgement.decision_id == decision.id,
            DecisionAcknowledgement.revision_number >= decision.ack_revision,
            User.is_active_account.is_(True),
        )
        .group_by(User.unit_id)
    ).all()
    acked = dict(acked_rows)
    rows = []
    for unit in decision.affected_units:
        subtree = tree.descendant_ids(unit.id)
        total = sum(members.get(uid, 0) for uid in subtree)
        done = sum(acked.get(uid, 0) for uid in subtree)
        rows.append(UnitAcknowledgement(unit.name, total, done if total >= k else None))
    return rows, k


def remind_acknowledgements(now=None, every_days: int = 7) -> int:
    """Weekly reminder to everyone affected who has not acknowledged the current version."""
    now = now or clock.now()
    due = db.session.scalars(
        select(Decision).where(
            Decision.requires_acknowledgement.is_(True), Decision.status.in_(OPEN_STATUSES)
        )
    ).all()
    sent = 0
    for decision in due:
        last = decision.ack_reminded_at or decision.published_at
        if last is not None and (now - last).days < every_days:
            continue
        acked_ids = set(
            db.session.scalars(
                select(DecisionAcknowledgement.user_id).where(
                    DecisionAcknowledgement.decision_id == decision.id,
                    DecisionAcknowledgement.revision_number >= decision.ack_revision,
                )
            )
        )
        pending = [user for user in affected_users(decision) if user.id not in acked_ids]
        sent += notify(
            pending,
            "decision.acknowledge",
            _l(
                "Erinnerung: Bitte nehmen Sie die Entscheidung „%(title)s“ zur Kenntnis.",
                title=decision.title,
            ),
            decision_url(decision),
        )
        decision.ack_reminded_at = now
    db.session.flush()
    return sent
