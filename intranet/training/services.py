"""Authoring training paths: paths, steps, quiz questions, status, prerequisites."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from intranet import clock, urls
from intranet import permissions as perm
from intranet.audit import services as audit
from intranet.auth.models import User
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.form_rules import too_long
from intranet.notify.services import notify
from intranet.training.models import (
    LEVELS,
    STEP_KINDS,
    TrainingAnswerOption,
    TrainingEnrolment,
    TrainingPath,
    TrainingQuestion,
    TrainingSessionSeat,
    TrainingStep,
    TrainingStepCompletion,
    training_prerequisite,
)


class TrainingError(DomainError):
    """A rule of training paths was broken; the message is shown next to `field`."""


def has_completed_path(user, path) -> bool:
    """True if the user has completed every step of the path."""
    if user is None or path is None or not getattr(user, "id", None):
        return False
    return (
        db.session.scalar(
            select(TrainingEnrolment.id).where(
                TrainingEnrolment.path_id == path.id,
                TrainingEnrolment.user_id == user.id,
                TrainingEnrolment.completed_at.is_not(None),
            )
        )
        is not None
    )


def _require_editor(actor, path) -> None:
    if not perm.can_edit_path(actor, path):
        raise TrainingError(_l("Sie dürfen diesen Lernpfad nicht bearbeiten."))


@dataclass
class PathData:
    title: str
    summary: str = ""
    level: str = "einstieg"
    audience: str = ""
    estimated_minutes: int = 30
    topic_id: int | None = None
    is_sequential: bool = True
    prerequisite_ids: list[int] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return (text or "").strip()


def save_path(actor, path: TrainingPath | None, data: PathData) -> TrainingPath:
    """Create a draft path or update one; prerequisites must not form a cycle."""
    if path is None:
        if not perm.can_create_path(actor):
            raise TrainingError(_l("Nur Lotsinnen, Lotsen und die Administration legen Lernpfade an."))
    else:
        _require_editor(actor, path)
    title = " ".join(_clean(data.title).split())
    if not title:
        raise TrainingError(_l("Bitte geben Sie einen Titel ein."), "title")
    if len(title) > 160:
        raise TrainingError(too_long(160), "title")
    if data.level not in LEVELS:
        raise TrainingError(_l("Bitte wählen Sie eine Stufe."), "level")
    if not 1 <= (data.estimated_minutes or 0) <= 10000:
        raise TrainingError(
            _l("Bitte geben Sie eine Dauer zwischen 1 und 10.000 Minuten an."), "estimated_minutes"
        )
    if path is None:
        path = TrainingPath(author_id=actor.id, status="draft")
        db.session.add(path)
    path.title, path.summary, path.level = title, _clean(data.summary), data.level
    path.audience = _clean(data.audience)[:300]
    path.estimated_minutes, path.topic_id = data.estimated_minutes, data.topic_id or None
    path.is_sequential = bool(data.is_sequential)
    db.session.flush()
    set_prerequisites(actor, path, data.prerequisite_ids)
    return path


def _prerequisite_edges() -> dict[int, set[int]]:
    edges: dict[int, set[int]] = {}
    for path_id, required_id in db.session.execute(select(training_prerequisite)).all():
        edges.setdefault(path_id, set()).add(required_id)
    return edges


def would_create_cycle(path_id: int, required_ids) -> bool:
    """True if requiring `required_ids` before `path_id` makes a path its own prerequisite."""
    edges = _prerequisite_edges()
    edges[path_id] = set(required_ids)
    stack, seen = list(required_ids), set()
    while stack:
        current = stack.pop()
        if current == path_id:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, ()))
    return False


def set_prerequisites(actor, path: TrainingPath, required_ids) -> None:
    """Replace the path's prerequisites, refusing cycles and unknown paths."""
    wanted = {int(i) for i in required_ids or []}
    if path.id in wanted or would_create_cycle(path.id, wanted):
        raise TrainingError(
            _l(
                "Diese Voraussetzungen ergäben einen Kreis: Ein Lernpfad würde "
                "sich selbst voraussetzen. Bitte wählen Sie andere."
            ),
            "prerequisite_ids",
        )
    paths = db.session.scalars(select(TrainingPath).where(TrainingPath.id.in_(wanted))).all()
    if len(paths) != len(wanted):
        raise TrainingError(_l("Einen der gewählten Lernpfade gibt es nicht."), "prerequisite_ids")
    path.prerequisites = sorted(paths, key=lambda p: p.title)
    db.session.flush()


def change_status(actor, path: TrainingPath, status: str) -> None:
    """Move a path draft → published → archived (and back from archive)."""
    _require_editor(actor, path)
    if not perm.can_change_path_status(actor, path, status):
        raise TrainingError(_l("Dieser Statuswechsel ist nicht möglich."), "status")
    if status == "published":
        if not path.steps:
            raise TrainingError(
                _l("Ein Lernpfad braucht mindestens einen Schritt, bevor Sie ihn veröffentlichen."), "status"
            )
        for step in path.steps:
            if step.kind == "quiz" and not any(any(o.is_correct for o in q.options) for q in step.questions):
                raise TrainingError(
                    _l(
                        "Das Quiz „%(title)s“ braucht mindestens eine Frage mit richtiger Antwort.",
                        title=step.title,
                    ),
                    "status",
                )
        path.published_at = path.published_at or clock.now()
    path.status = status
    audit.record(actor, f"training.{status}", path, path.title)
    db.session.flush()


@dataclass
class StepData:
    kind: str
    title: str
    body: str = ""
    url: str = ""
    pass_mark: int = 80
    session_starts_at: datetime | None = None
    session_ends_at: datetime | None = None
    session_place: str = ""
    capacity: int = 0


def _validate_step(data: StepData, step: TrainingStep | None) -> None:
    if data.kind not in STEP_KINDS:
        raise TrainingError(_l("Bitte wählen Sie eine Art des Schritts."), "kind")
    title = _clean(data.title)
    if not title:
        raise TrainingError(_l("Bitte geben Sie einen Titel ein."), "title")
    if len(title) > 160:
        raise TrainingError(too_long(160), "title")
    if data.kind == "link":
        url = _clean(data.url)
        if not url.startswith(("https://", "http://")) or len(url) > 500 or " " in url:
            raise TrainingError(
                _l("Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt."), "url"
            )
    if data.kind == "quiz" and not 1 <= (data.pass_mark or 0) <= 100:
        raise TrainingError(_l("Bitte geben Sie eine Zahl zwischen 1 und 100 an."), "pass_mark")
    if data.kind == "session":
        if data.session_starts_at is None:
            raise TrainingError(_l("Bitte geben Sie Datum und Uhrzeit an."), "session_starts_at")
        if data.session_ends_at is None or data.session_ends_at <= data.session_starts_at:
            raise TrainingError(_l("Das Ende muss nach dem Beginn liegen."), "session_ends_at")
        if not _clean(data.session_place):
            raise TrainingError(_l("Bitte geben Sie den Ort an."), "session_place")
        taken = step.seats_taken if step is not None else 0
        if not 1 <= (data.capacity or 0) <= 1000:
            raise TrainingError(_l("Bitte geben Sie zwischen 1 und 1.000 Plätze an."), "capacity")
        if data.capacity < taken:
            raise TrainingError(
                _l("Es sind schon %(count)d Plätze vergeben; weniger geht nicht.", count=taken), "capacity"
            )


def _apply_step(step: TrainingStep, data: StepData) -> None:
    step.title, step.body = _clean(data.title), _clean(data.body)
    step.url = _clean(data.url) if data.kind == "link" else ""
    step.pass_mark = data.pass_mark if data.kind == "quiz" else 80
    if data.kind == "session":
        step.session_starts_at, step.session_ends_at = data.session_starts_at, data.session_ends_at
        step.session_place, step.capacity = _clean(data.session_place)[:200], data.capacity


def add_step(actor, path: TrainingPath, data: StepData) -> TrainingStep:
    """Append a step of any kind to the end of the path."""
    _require_editor(actor, path)
    _validate_step(data, None)
    last = (
        db.session.scalar(select(func.max(TrainingStep.position)).where(TrainingStep.path_id == path.id)) or 0
    )
    step = TrainingStep(path=path, kind=data.kind, position=last + 1)
    _apply_step(step, data)
    db.session.add(step)
    db.session.flush()
    return step


def update_step(actor, step: TrainingStep, data: StepData, mark_updated: bool = False) -> int:
    """Save a step; completers hear of marked changes, seat holders of a moved session. Returns the count."""
    _require_editor(actor, step.path)
    data.kind = step.kind  # the kind of an existing step never changes
    _validate_step(data, step)
    before = (step.session_starts_at, step.session_ends_at, step.session_place)
    _apply_step(step, data)
    told = 0
    if mark_updated and step.path.status == "published":
        step.content_updated_at = clock.now()
        completers = db.session.scalars(
            select(User)
            .join(TrainingEnrolment, TrainingEnrolment.user_id == User.id)
            .join(TrainingStepCompletion, TrainingStepCompletion.enrolment_id == TrainingEnrolment.id)
            .where(TrainingStepCompletion.step_id == step.id)
        ).all()
        told += notify(
            completers,
            "training_step_updated",
            _l(
                "Im Lernpfad „%(path)s“ wurde der Schritt „%(step)s“ aktualisiert.",
                path=step.path.title,
                step=step.title,
            ),
            urls.path_for("training.step_page", path_id=step.path_id, step_id=step.id),
            exclude=actor,
        )
    if step.kind == "session" and before != (
        step.session_starts_at,
        step.session_ends_at,
        step.session_place,
    ):
        holders = db.session.scalars(
            select(User)
            .join(TrainingSessionSeat, TrainingSessionSeat.user_id == User.id)
            .where(TrainingSessionSeat.step_id == step.id)
        ).all()
        told += notify(
            holders,
            "training_session_changed",
            _l("Der Termin „%(step)s“ hat sich geändert. Bitte prüfen Sie Zeit und Ort.", step=step.title),
            urls.path_for("training.step_page", path_id=step.path_id, step_id=step.id),
            exclude=actor,
        )
    db.session.flush()
    return told


def no_such_position(count: int):
    """The message for a position outside 1…count."""
    return _l("Diese Position gibt es nicht. Möglich ist 1 bis %(count)d.", count=count)


def move_step(actor, step: TrainingStep, new_position: int) -> None:
    """Move a step to position 1…n; the others close up around it."""
    _require_editor(actor, step.path)
    steps = list(step.path.steps)
    if not isinstance(new_position, int) or not 1 <= new_position <= len(steps):
        raise TrainingError(no_such_position(len(steps)), "position")
    steps.remove(step)
    steps.insert(new_position - 1, step)
    for index, item in enumerate(steps, start=1):
        item.position = index
    db.session.flush()


def remove_step(actor, step: TrainingStep) -> None:
    """Delete a step; learners keep their other progress and may now be done."""
    path = step.path
    _require_editor(actor, path)
    if step.seats_taken:
        raise TrainingError(
            _l(
                "Für diesen Termin sind Personen angemeldet. Bitte sagen Sie ihn "
                "zuerst ab oder ändern Sie ihn."
            )
        )
    path.steps.remove(step)  # delete-orphan removes the row; completions go by ON DELETE CASCADE
    for index, item in enumerate(path.steps, start=1):
        item.position = index
    db.session.flush()
    _complete_finished_enrolments(path)


def _complete_finished_enrolments(path: TrainingPath) -> None:
    step_ids = [s.id for s in path.steps]
    if not step_ids:
        return
    done_counts = (
        select(TrainingStepCompletion.enrolment_id)
        .where(TrainingStepCompletion.step_id.in_(step_ids))
        .group_by(TrainingStepCompletion.enrolment_id)
        .having(func.count() == len(step_ids))
    )
    db.session.execute(
        update(TrainingEnrolment)
        .where(
            TrainingEnrolment.path_id == path.id,
            TrainingEnrolment.completed_at.is_(None),
            TrainingEnrolment.id.in_(done_counts),
        )
        .values(completed_at=clock.now())
    )


def add_question(
    actor, step: TrainingStep, text: str, explanation: str, options: list[tuple[str, bool]]
) -> TrainingQuestion:
    """Add a multiple-choice question with at least two answers, one of them right."""
    _require_editor(actor, step.path)
    text = _clean(text)
    if not text:
        raise TrainingError(_l("Bitte geben Sie die Frage ein."), "text")
    if len(text) > 500:
        raise TrainingError(too_long(500), "text")
    if len(_clean(explanation)) > 1000:
        raise TrainingError(too_long(1000), "explanation")
    options = [(_clean(t), bool(c)) for t, c in options if _clean(t)]
    if len(options) < 2:
        raise TrainingError(_l("Bitte geben Sie mindestens zwei Antworten ein."), "option_1")
    if any(len(t) > 300 for t, _c in options):
        raise TrainingError(_l("Jede Antwort darf höchstens 300 Zeichen haben."), "option_1")
    if not any(c for _t, c in options):
        raise TrainingError(_l("Bitte kreuzen Sie mindestens eine richtige Antwort an."), "option_1")
    question = TrainingQuestion(
        step=step, text=text, explanation=_clean(explanation), position=len(step.questions) + 1
    )
    question.options = [
        TrainingAnswerOption(text=t, is_correct=c, position=i) for i, (t, c) in enumerate(options, start=1)
    ]
    db.session.add(question)
    db.session.flush()
    return question


def remove_question(actor, question: TrainingQuestion) -> None:
    """Delete a quiz question with its answers."""
    step = question.step
    _require_editor(actor, step.path)
    others = [q for q in step.questions if q is not question and any(o.is_correct for o in q.options)]
    if step.path.status == "published" and not others:
        raise TrainingError(
            _l(
                "Ein veröffentlichter Selbsttest braucht mindestens eine Frage. "
                "Fügen Sie zuerst eine neue hinzu."
            )
        )
    step.questions.remove(question)  # delete-orphan removes the row and its answers
    db.session.flush()
