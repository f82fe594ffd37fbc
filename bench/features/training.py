"""Training paths at Landkreis scale: 40 paths × 8 steps, 30,000 enrolments with progress."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bench.context import BenchContext, BenchPage
from intranet import clock
from intranet.extensions import db
from intranet.training.models import (
    TrainingAnswerOption,
    TrainingEnrolment,
    TrainingPath,
    TrainingQuestion,
    TrainingStep,
    TrainingStepCompletion,
)

PATHS, ENROLMENTS_PER_USER = 40, 10  # 3,000 users × 10 = 30,000 enrolments
KINDS = ["read", "link", "quiz", "read", "session", "quiz", "practice", "read"]
LEVELS = ["einstieg", "aufbau", "vertiefung"]
SUBJECTS = [
    "E-Akte",
    "Videokonferenz",
    "Datenschutz",
    "IT-Sicherheit",
    "Fachverfahren",
    "Onlinezugang",
    "Mobiles Arbeiten",
    "Tabellen",
    "Barrierefreiheit",
    "Erste Schritte am PC",
]


def _paths(ctx: BenchContext) -> list[int]:
    now = clock.now()
    author = ctx.role_user_ids["guide"]
    ctx.bulk_insert(
        TrainingPath,
        [
            {
                "title": f"{SUBJECTS[i % len(SUBJECTS)]} – Teil {i // len(SUBJECTS) + 1}",
                "summary": "Ein Lernpfad mit **Lesen**, Video, Termin, Selbsttest und Praxisnachweis.",
                "level": LEVELS[i % 3],
                "audience": "Alle Beschäftigten",
                "estimated_minutes": 30 + i,
                "topic_id": None,
                "is_sequential": i % 4 != 3,
                "status": "published",
                "author_id": author,
                "created_at": now,
                "updated_at": now,
                "published_at": now,
            }
            for i in range(PATHS)
        ],
    )
    path_ids = db.session.scalars(select(TrainingPath.id).order_by(TrainingPath.id)).all()
    start = now + timedelta(days=30)
    ctx.bulk_insert(
        TrainingStep,
        [
            {
                "path_id": path_id,
                "position": position,
                "kind": kind,
                "title": f"Schritt {position}",
                "body": "Lesen Sie diesen Abschnitt in Ruhe. " * 20,
                "url": "https://example.org/video" if kind == "link" else "",
                "pass_mark": 50,
                "session_starts_at": start if kind == "session" else None,
                "session_ends_at": start + timedelta(hours=2) if kind == "session" else None,
                "session_place": "Raum 1" if kind == "session" else "",
                "capacity": 20 if kind == "session" else 0,
                "seats_taken": 0,
                "content_updated_at": None,
                "created_at": now,
            }
            for path_id in path_ids
            for position, kind in enumerate(KINDS, start=1)
        ],
    )
    quiz_ids = db.session.scalars(select(TrainingStep.id).where(TrainingStep.kind == "quiz")).all()
    ctx.bulk_insert(
        TrainingQuestion,
        [
            {
                "step_id": step_id,
                "position": n,
                "text": f"Frage {n}?",
                "explanation": "Weil es so im Text steht.",
            }
            for step_id in quiz_ids
            for n in (1, 2, 3)
        ],
    )
    questions = db.session.scalars(select(TrainingQuestion.id)).all()
    ctx.bulk_insert(
        TrainingAnswerOption,
        [
            {"question_id": q, "position": n, "text": f"Antwort {n}", "is_correct": n == 1}
            for q in questions
            for n in (1, 2, 3)
        ],
    )
    return list(path_ids)


def seed(ctx: BenchContext) -> None:
    """40 published paths with 8 steps each and 30,000 enrolments with realistic progress."""
    path_ids = _paths(ctx)
    steps_by_path: dict[int, list[int]] = {}
    for path_id, step_id in db.session.execute(
        select(TrainingStep.path_id, TrainingStep.id).order_by(TrainingStep.path_id, TrainingStep.position)
    ):
        steps_by_path.setdefault(path_id, []).append(step_id)
    now, rng, staff = clock.now(), ctx.rng, ctx.role_user_ids["staff"]
    rows, progress = [], {}
    for user_id in ctx.user_ids:
        chosen = rng.sample(path_ids, ENROLMENTS_PER_USER)
        if user_id == staff and path_ids[0] not in chosen:
            chosen[0] = path_ids[0]
        for path_id in chosen:
            done = 2 if (user_id, path_id) == (staff, path_ids[0]) else rng.randint(0, 8)
            progress[(user_id, path_id)] = done
            rows.append(
                {
                    "path_id": path_id,
                    "user_id": user_id,
                    "assignment_id": None,
                    "due_on": (now + timedelta(days=rng.randint(-10, 60))).date()
                    if rng.random() < 0.3
                    else None,
                    "enrolled_at": now - timedelta(days=rng.randint(1, 300)),
                    "last_step_id": None,
                    "completed_at": now - timedelta(days=rng.randint(0, 30)) if done == 8 else None,
                }
            )
    ctx.bulk_insert(TrainingEnrolment, rows)
    completions = []
    for enrolment_id, user_id, path_id in db.session.execute(
        select(TrainingEnrolment.id, TrainingEnrolment.user_id, TrainingEnrolment.path_id)
    ):
        for step_id in steps_by_path[path_id][: progress[(user_id, path_id)]]:
            completions.append({"enrolment_id": enrolment_id, "step_id": step_id, "completed_at": now})
    ctx.bulk_insert(TrainingStepCompletion, completions)
    ctx.store["training_path"] = path_ids[0]
    ctx.store["training_step"] = steps_by_path[path_ids[0]][2]  # a quiz, unlocked for staff


def pages(ctx: BenchContext) -> list[BenchPage]:
    path = ctx.store.get("training_path", 1)
    step = ctx.store.get("training_step", 3)
    return [
        BenchPage("Lernpfade: Katalog", "/lernpfade/", "staff"),
        BenchPage("Lernpfade: Katalog gefiltert", "/lernpfade/?level=aufbau&show=mine", "staff"),
        BenchPage("Lernpfade: Lernpfad", f"/lernpfade/{path}", "staff"),
        BenchPage("Lernpfade: Schritt (Quiz)", f"/lernpfade/{path}/schritte/{step}", "staff"),
        BenchPage("Lernpfade: Auswertung", f"/lernpfade/bericht?path={path}", "leader"),
    ]
