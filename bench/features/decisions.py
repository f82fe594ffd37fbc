"""Decision register at Landkreis scale: 1,500 decisions, 4,000 revisions, 100,000 acknowledgements."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from bench.context import BenchContext, BenchPage
from intranet import clock
from intranet.decisions.models import (
    Decision,
    DecisionAcknowledgement,
    DecisionQuestion,
    DecisionRevision,
    DecisionToken,
    decision_unit,
)
from intranet.extensions import db
from intranet.topics.models import Topic

DECISIONS, REVISIONS, ACKNOWLEDGEMENTS = 1500, 4000, 100_000
SHOWCASE_REVISIONS, SHOWCASE_QUESTIONS = 30, 100
FEED_SECRET = "bench-feed-token"  # noqa: S105 - throwaway benchmark data
API_SECRET = "bench-api-token"  # noqa: S105 - throwaway benchmark data
STATUSES = ["decided"] * 6 + ["implemented"] * 4 + ["revoked", "superseded", "draft"]
TEXT = "Die Verwaltung stellt den Ablauf um. Bitte beachten Sie die Hinweise Ihrer Amtsleitung. "


def _snapshot(number: int) -> dict:
    return {
        "title": f"Entscheidung Version {number}",
        "summary": TEXT * 2,
        "decision_text": TEXT * (2 + number % 3),
        "rationale": TEXT,
        "status": "decided",
    }


def seed(ctx: BenchContext) -> None:
    """Decisions over all Dezernate; the first one (the showcase) affects the staff user."""
    rng, now = ctx.rng, clock.now()
    leader, staff = ctx.role_user_ids["leader"], ctx.role_user_ids["staff"]
    topic_ids = db.session.scalars(select(Topic.id)).all()
    dezernate, units = ctx.unit_ids_by_level[1], ctx.all_unit_ids()
    rows = []
    for index in range(DECISIONS):
        status = "decided" if index == 0 else rng.choice(STATUSES)
        effective = (now + timedelta(days=rng.randint(-700, 400))).date()
        rows.append(
            {
                "title": f"Entscheidung {index + 1}: Umstellung {rng.choice(['E-Akte', 'Video', 'OZG'])}",
                "summary": TEXT,
                "context": TEXT * 2,
                "decision_text": TEXT * 3,
                "rationale": TEXT * 2,
                "consequences": TEXT,
                "decided_by": "Dezernatskonferenz",
                "consulted": "Personalrat",
                "works_council_involved": True,
                "decided_on": effective - timedelta(days=30),
                "effective_date": effective,
                "requires_acknowledgement": index == 0 or rng.random() < 0.3,
                "ack_revision": 1,
                "status": status,
                "unit_id": rng.choice(dezernate),
                "owner_id": leader,
                "topic_id": rng.choice(topic_ids) if topic_ids else None,
                "revision_count": 0 if status == "draft" else 1,
                "created_at": now,
                "updated_at": now,
                "published_at": None if status == "draft" else now - timedelta(days=rng.randint(0, 700)),
            }
        )
    ctx.bulk_insert(Decision, rows)
    ids = db.session.scalars(select(Decision.id).order_by(Decision.id)).all()
    published = [i for i, row in zip(ids, rows, strict=True) if row["status"] != "draft"]
    showcase = ids[0]
    from intranet.auth.models import RoleAssignment

    leader_unit = db.session.scalar(
        select(RoleAssignment.unit_id).where(
            RoleAssignment.user_id == leader, RoleAssignment.role == "leadership"
        )
    )
    db.session.execute(Decision.__table__.update().where(Decision.id == showcase).values(unit_id=leader_unit))
    staff_dezernat = next(u for u in dezernate if u in _ancestors(ctx, ctx.user_unit[staff]))
    links = {(showcase, staff_dezernat)}
    for decision_id in ids[1:]:
        links.update((decision_id, unit) for unit in rng.sample(units, rng.randint(1, 3)))
    db.session.execute(decision_unit.insert(), [{"decision_id": d, "unit_id": u} for d, u in links])
    _revisions(ctx, published, showcase, leader, now)
    _acknowledgements(ctx, ids, rows, showcase, staff)
    ctx.bulk_insert(
        DecisionQuestion,
        [
            {
                "decision_id": showcase,
                "asker_id": rng.choice(ctx.user_ids),
                "body": f"Frage {n}: {TEXT}",
                "created_at": now,
                "answer": TEXT if n % 2 else None,
                "answered_at": now if n % 2 else None,
                "answered_by_id": leader if n % 2 else None,
            }
            for n in range(SHOWCASE_QUESTIONS)
        ],
    )
    ctx.bulk_insert(
        DecisionToken,
        [
            {
                "user_id": staff,
                "kind": kind,
                "label": "Bench",
                "hint": secret[:6],
                "created_at": now,
                "token_hash": hashlib.sha256(secret.encode()).hexdigest(),
            }
            for kind, secret in (("feed", FEED_SECRET), ("api", API_SECRET))
        ],
    )
    ctx.store["decision"] = showcase


def _ancestors(ctx: BenchContext, unit_id: int) -> set[int]:
    from intranet.org.models import OrgUnit

    parents = dict(db.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
    chain = set()
    while unit_id is not None:
        chain.add(unit_id)
        unit_id = parents.get(unit_id)
    return chain


def _revisions(ctx: BenchContext, published: list[int], showcase: int, leader: int, now) -> None:
    counts = {decision_id: 1 for decision_id in published}
    counts[showcase] = SHOWCASE_REVISIONS
    extra = REVISIONS - sum(counts.values())
    for decision_id in ctx.rng.choices(published[1:], k=max(extra, 0)):
        counts[decision_id] += 1
    ctx.bulk_insert(
        DecisionRevision,
        [
            {
                "decision_id": decision_id,
                "number": number,
                "kind": "publish" if number == 1 else "edit",
                "author_id": leader,
                "reason": "Veröffentlicht" if number == 1 else "Ergänzt",
                "is_substantive": number == 1,
                "snapshot": _snapshot(number),
                "created_at": now,
            }
            for decision_id, count in counts.items()
            for number in range(1, count + 1)
        ],
    )
    for decision_id, count in counts.items():
        db.session.execute(
            Decision.__table__.update().where(Decision.id == decision_id).values(revision_count=count)
        )


def _acknowledgements(ctx: BenchContext, ids, rows, showcase: int, staff: int) -> None:
    needing = [
        i
        for i, row in zip(ids, rows, strict=True)
        if row["requires_acknowledgement"] and row["status"] in ("decided", "implemented")
    ]
    others = [uid for uid in ctx.user_ids if uid != staff]
    per_decision = ACKNOWLEDGEMENTS // len(needing) + 1
    acks, now = [], clock.now()
    for decision_id in needing:
        for user_id in ctx.rng.sample(others, min(per_decision, len(others))):
            acks.append(
                {"decision_id": decision_id, "user_id": user_id, "revision_number": 1, "acknowledged_at": now}
            )
    ctx.bulk_insert(DecisionAcknowledgement, acks[:ACKNOWLEDGEMENTS])


def pages(ctx: BenchContext) -> list[BenchPage]:
    decision = ctx.store.get("decision", 1)
    return [
        BenchPage("Entscheidungen: Register", "/decisions/", "staff"),
        BenchPage("Entscheidungen: Register gefiltert", "/decisions/?mine=y&q=E-Akte", "staff"),
        BenchPage(
            "Entscheidungen: Entscheidung (30 Versionen, 100 Fragen)", f"/decisions/{decision}", "staff"
        ),
        BenchPage(
            "Entscheidungen: Entscheidung (Leitung, Kenntnisnahme je Einheit)",
            f"/decisions/{decision}",
            "leader",
        ),
        BenchPage("Entscheidungen: Was kommt wann?", "/decisions/timeline", "staff"),
        BenchPage("Entscheidungen: Atom-Feed", f"/decisions/feed/{FEED_SECRET}.atom", None),
        BenchPage(
            "Entscheidungen: API-Liste",
            "/api/v1/decisions?per_page=25",
            None,
            (("Authorization", f"Bearer {API_SECRET}"),),
        ),
    ]
