"""Guides at Landkreis scale: 20,000 questions, 40,000 answers; pages; escalation timing.

`python -m bench.features.guides [sqlite|postgresql]` times the escalation job over
20,000 overdue open questions on a scratch database (the job is measured, not the pages).
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta

from sqlalchemy import select

from bench.context import BenchContext, BenchPage
from intranet import clock
from intranet.auth.models import RoleAssignment
from intranet.extensions import db
from intranet.guides.models import Question, QuestionAnswer, QuestionEvent
from intranet.org.models import OrgUnit

QUESTIONS = 20_000
WORDS = [
    "E-Akte",
    "Scanner",
    "Videokonferenz",
    "Kamera",
    "Datenschutz",
    "Passwort",
    "VPN",
    "Drucker",
    "Fachverfahren",
    "Antrag",
    "Vorlage",
    "Serienbrief",
    "Rechnung",
    "Ablage",
    "Homeoffice",
    "Mikrofon",
    "Signatur",
    "Postfach",
    "Termin",
    "Formular",
]


def _routes(ctx: BenchContext) -> dict[int, int | None]:
    """Each unit's nearest unit with a guide (Ämter and Dezernate have one); None = admins."""
    parents = dict(db.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
    guided = set(ctx.unit_ids_by_level[1]) | set(ctx.unit_ids_by_level[2])
    routes = {}
    for unit_id in parents:
        current = unit_id
        while current is not None and current not in guided:
            current = parents[current]
        routes[unit_id] = current
    return routes


def question_rows(ctx: BenchContext, count: int, all_open: bool = False) -> list[dict]:
    rng, now, routes = ctx.rng, clock.now(), _routes(ctx)
    statuses = ["open", "answered", "solved", "asked_back"]
    rows = []
    for index in range(count):
        asker = rng.choice(ctx.user_ids)
        unit_id = ctx.user_unit[asker]
        status = "open" if all_open else statuses[index % 4]
        created = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
        due = now - timedelta(hours=1) if all_open else now + timedelta(hours=rng.randint(-48, 96))
        words = rng.sample(WORDS, 3)
        rows.append(
            {
                "asker_id": asker,
                "unit_id": unit_id,
                "topic_id": None,
                "title": f"Wie geht das mit {words[0]} und {words[1]}? ({index})",
                "body": f"Ich brauche Hilfe bei {words[2]}.",
                "is_private": index % 7 == 0,
                "status": status,
                "current_unit_id": routes[unit_id],
                "at_admins": routes[unit_id] is None,
                "level": 0,
                "due_at": due if status == "open" and routes[unit_id] else None,
                "warn_at": None,
                "created_at": created,
                "updated_at": created,
                "answered_at": created + timedelta(hours=5) if status != "open" else None,
            }
        )
    return rows


def seed(ctx: BenchContext) -> None:
    """20,000 questions (a quarter open) and 40,000 answers, with an 'asked' trail entry each."""
    ctx.bulk_insert(Question, question_rows(ctx, QUESTIONS))
    questions = db.session.execute(
        select(
            Question.id, Question.status, Question.current_unit_id, Question.created_at, Question.is_private
        ).order_by(Question.id)
    ).all()
    guide_of_unit = {}
    for user_id, unit_id in db.session.execute(
        select(RoleAssignment.user_id, RoleAssignment.unit_id).where(RoleAssignment.role == "guide")
    ).all():
        guide_of_unit.setdefault(unit_id, user_id)
    answers, events = [], []
    answered = [q for q in questions if q.status != "open"]
    for index, question in enumerate(answered):
        author = guide_of_unit.get(question.current_unit_id, ctx.role_user_ids["admin"])
        for number in range(3 if index % 3 else 2):
            answers.append(
                {
                    "question_id": question.id,
                    "author_id": author,
                    "kind": "answer" if number != 1 else "reply",
                    "body": f"Antwort {number + 1}: So geht es **Schritt für Schritt**.",
                    "created_at": question.created_at + timedelta(hours=number + 1),
                }
            )
    for question in questions:
        events.append(
            {
                "question_id": question.id,
                "kind": "asked",
                "level": 0,
                "unit_id": question.current_unit_id,
                "created_at": question.created_at,
            }
        )
    ctx.bulk_insert(QuestionAnswer, answers[:40_000])
    ctx.bulk_insert(QuestionEvent, events)
    public = next(q for q in answered if not q.is_private)
    ctx.store["guides_question"] = public.id


def pages(ctx: BenchContext) -> list[BenchPage]:
    question = ctx.store.get("guides_question", 1)
    return [
        BenchPage("Lotsen: Meine Ansprechpersonen", "/lotsen/", "staff"),
        BenchPage("Lotsen: Verzeichnis", "/lotsen/verzeichnis", "staff"),
        BenchPage("Lotsen: FAQ", "/lotsen/faq", "staff"),
        BenchPage("Lotsen: FAQ-Suche", "/lotsen/faq?q=kamera", "staff"),
        BenchPage("Lotsen: Posteingang", "/lotsen/posteingang", "guide"),
        BenchPage("Lotsen: Frage", f"/lotsen/fragen/{question}", "staff"),
        BenchPage("Lotsen: Vorschläge", "/lotsen/vorschlaege?title=drucker+vorlage", "staff"),
    ]


def _scratch_postgres() -> str:
    import os

    import psycopg

    admin = os.environ.get("LOTSE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "lotse_guides_escalation" WITH (FORCE)')
        conn.execute('CREATE DATABASE "lotse_guides_escalation"')
    return "postgresql+psycopg://" + admin.split("://", 1)[1].rsplit("/", 1)[0] + "/lotse_guides_escalation"


def time_escalation(kind: str = "sqlite") -> None:
    """Seed the foundation plus 20,000 overdue open questions; time one escalation run."""
    import random
    import tempfile

    from bench.seed import seed_foundation
    from intranet import create_app
    from intranet.guides.escalation import escalate_overdue
    from intranet.sqlite_setup import write_intent

    url = f"sqlite:///{tempfile.mkdtemp()}/escalation.sqlite3" if kind == "sqlite" else _scratch_postgres()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key-0123456789-0123456789",
        }
    )
    with app.app_context(), write_intent():
        db.create_all()
        ctx = BenchContext(rng=random.Random(7))  # noqa: S311 - benchmark data
        seed_foundation(ctx)
        ctx.bulk_insert(Question, question_rows(ctx, QUESTIONS, all_open=True))
        db.session.commit()
        started = time.perf_counter()
        moved = escalate_overdue(clock.now())
        db.session.commit()
        elapsed = time.perf_counter() - started
        again = time.perf_counter()
        second = escalate_overdue(clock.now())
        db.session.commit()
        print(
            f"{kind}: escalate_overdue moved {moved} of {QUESTIONS} open questions in "
            f"{elapsed:.2f} s; second run moved {second} in {time.perf_counter() - again:.2f} s"
        )
        db.drop_all()


if __name__ == "__main__":
    time_escalation(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
