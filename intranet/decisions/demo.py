"""Demo decisions of the Landratsamt Musterkreis: every status, revisions, questions, a chain."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet import clock
from intranet.auth.models import RoleAssignment, User
from intranet.decisions import engagement, services
from intranet.decisions.demo_content import DECISIONS, QUESTIONS
from intranet.decisions.models import Decision
from intranet.decisions.services import DecisionData
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _leaders() -> dict[str, User]:
    """The leadership account of each Dezernat, by the Dezernat's number ("2")."""
    rows = db.session.execute(
        select(RoleAssignment, OrgUnit)
        .join(OrgUnit, OrgUnit.id == RoleAssignment.unit_id)
        .where(RoleAssignment.role == "leadership", OrgUnit.kind == "dezernat")
        .order_by(RoleAssignment.id)
    ).all()
    leaders: dict[str, User] = {}
    for assignment, unit in rows:
        leaders.setdefault(unit.name.split()[1], assignment.user)
    demo = db.session.scalar(select(User).where(User.email == "leitung@lotse.example"))
    if demo is not None:
        leaders["2"] = demo
    return leaders


def _unit(units: dict[str, OrgUnit], prefix: str) -> OrgUnit:
    return next(unit for name, unit in sorted(units.items()) if name.startswith(prefix))


def seed() -> str:
    today = clock.now().date()  # demo dates are relative to the day of seeding
    if db.session.scalar(select(Decision.id).limit(1)) is not None:
        return "Entscheidungen schon vorhanden – übersprungen."
    units = {unit.name: unit for unit in db.session.scalars(select(OrgUnit))}
    if not units:
        return "Keine Organisation – übersprungen."
    topics = {topic.name: topic.id for topic in db.session.scalars(select(Topic))}
    leaders = _leaders()
    rng = random.Random(7)  # noqa: S311 - demo data, not security
    made: dict[str, Decision] = {}
    for spec in DECISIONS:
        leader = leaders.get(spec["dezernat"])
        if leader is None:
            continue
        decided_on = today + timedelta(days=spec["decided"])
        data = DecisionData(
            title=spec["title"],
            unit_id=_unit(units, f"Dezernat {spec['dezernat']}").id,
            summary=spec["summary"],
            context=spec["context"],
            decision_text=spec["decision"],
            rationale=spec["rationale"],
            consequences=spec["consequences"],
            decided_by=spec["decided_by"],
            consulted=spec["consulted"],
            works_council_involved=spec["works_council"],
            decided_on=decided_on,
            effective_date=today + timedelta(days=spec["effective"]),
            review_date=(today + timedelta(days=spec["review"])) if spec.get("review") else None,
            requires_acknowledgement=spec.get("ack", False),
            topic_id=topics.get(spec.get("topic", "")),
            affected_unit_ids=[_unit(units, prefix).id for prefix in spec["affected"]],
            alternatives=spec["alternatives"],
            confirm_early_effective=True,
        )
        with clock.frozen(_at(decided_on - timedelta(days=3))):
            decision = services.create_decision(leader, data)
        if spec["status"] != "draft":
            with clock.frozen(_at(decided_on, 14)):
                services.publish_decision(leader, decision, data)
            for offset, changes, reason, substantive in spec.get("edits", []):
                for key, value in changes.items():
                    setattr(data, key, value)
                with clock.frozen(_at(decided_on + timedelta(days=offset), 11)):
                    services.update_decision(leader, decision, data, reason, substantive)
        made[spec["key"]] = decision
        db.session.flush()
    _finish_statuses(made, today)
    _questions_and_acknowledgements(made, rng, today)
    db.session.flush()
    return f"{len(made)} Entscheidungen angelegt."


def _finish_statuses(made: dict[str, Decision], today: date) -> None:
    for spec in DECISIONS:
        decision = made.get(spec["key"])
        if decision is None or spec["status"] in ("draft", "decided"):
            continue
        when = _at(decision.decided_on + timedelta(days=spec.get("status_after", 30)), 10)
        successor = made.get(spec.get("successor", ""))
        with clock.frozen(min(when, _at(today - timedelta(days=1)))):
            services.change_status(decision.owner, decision, spec["status"], spec["status_reason"], successor)


def _questions_and_acknowledgements(made: dict[str, Decision], rng: random.Random, today: date) -> None:
    people = db.session.scalars(
        select(User).options(selectinload(User.unit)).where(User.email.not_like("leitung@%"))
    ).all()
    for key, body, answer in QUESTIONS:
        decision = made.get(key)
        if decision is None or decision.is_draft:
            continue
        asker = rng.choice(people)
        asked = decision.published_at + timedelta(days=rng.randint(1, 6))
        with clock.frozen(min(asked, _at(today, 8))):
            question = engagement.ask_question(asker, decision, body)
        if answer:
            with clock.frozen(min(asked + timedelta(days=2), _at(today, 9))):
                engagement.answer_question(decision.owner, question, answer)
    petra = db.session.scalar(select(User).where(User.email == "mitarbeiterin@lotse.example"))
    for decision in made.values():
        if not decision.requires_acknowledgement or decision.status not in ("decided", "implemented"):
            continue
        for user in engagement.affected_users(decision):
            # Two of three have read it; Petra (the demo login) still has some to do.
            if user is not petra and rng.random() < 0.66:
                moment = decision.published_at + timedelta(days=rng.randint(0, 10))
                with clock.frozen(min(moment, _at(today, 8))):
                    engagement.acknowledge(user, decision)
