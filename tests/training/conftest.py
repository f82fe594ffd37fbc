"""Fixtures for the training tests: a builder for paths with steps of every kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from intranet import clock
from intranet.extensions import db
from intranet.training.models import (
    TrainingAnswerOption,
    TrainingPath,
    TrainingQuestion,
    TrainingStep,
)


class PathBuilder:
    def path(
        self,
        author=None,
        kinds=("read", "link", "quiz"),
        status="published",
        title="E-Akte Grundlagen",
        sequential=True,
        level="einstieg",
        topic=None,
        capacity=2,
    ) -> TrainingPath:
        path = TrainingPath(
            title=title,
            summary="Was die **E-Akte** ist.",
            level=level,
            audience="Alle Beschäftigten",
            estimated_minutes=45,
            status=status,
            author_id=author.id if author else None,
            is_sequential=sequential,
            topic_id=topic.id if topic else None,
        )
        db.session.add(path)
        for position, kind in enumerate(kinds, start=1):
            path.steps.append(self.step(kind, position, capacity))
        db.session.commit()
        return path

    def step(self, kind: str, position: int, capacity: int = 2) -> TrainingStep:
        step = TrainingStep(
            kind=kind, position=position, title=f"Schritt {position} ({kind})", body="Lesen Sie *das hier*."
        )
        if kind == "link":
            step.url = "https://example.org/video"
        if kind == "session":
            start = clock.now() + timedelta(days=7)
            step.session_starts_at, step.session_ends_at = start, start + timedelta(hours=2)
            step.session_place, step.capacity = "Raum 101", capacity
        if kind == "quiz":
            step.pass_mark = 50
            for number in (1, 2):
                question = TrainingQuestion(
                    text=f"Frage {number}?", position=number, explanation=f"Darum {number}."
                )
                question.options = [
                    TrainingAnswerOption(text="Richtig", is_correct=True, position=1),
                    TrainingAnswerOption(text="Falsch", is_correct=False, position=2),
                ]
                step.questions.append(question)
        return step


@pytest.fixture
def builder(app) -> PathBuilder:
    return PathBuilder()


def quiz_answers(step, right=True) -> dict:
    """Form data answering every question of a quiz step (all right or all wrong)."""
    return {f"q{q.id}": str(next(o.id for o in q.options if o.is_correct == right)) for q in step.questions}


FUTURE = datetime(2030, 1, 1, tzinfo=UTC)
