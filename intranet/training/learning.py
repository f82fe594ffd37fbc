"""Learning: enrolment, progress, steps done, quizzes, in-person sessions, guide-confirmed practice."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intranet import clock, urls
from intranet import permissions as perm
from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.form_rules import too_long
from intranet.notify.services import notify
from intranet.org.services import org_tree
from intranet.training.models import (
    TrainingEnrolment,
    TrainingPath,
    TrainingPracticeRequest,
    TrainingSessionSeat,
    TrainingStep,
    TrainingStepCompletion,
)
from intranet.training.queries import (
    find_enrolment,
    find_practice_request,
    find_seat,
    missing_prerequisites,
)
from intranet.training.services import TrainingError


def enrol(user, path: TrainingPath) -> TrainingEnrolment:
    """Enrol the user in a published path once its prerequisites are done."""
    if not perm.can_enrol(user, path):
        raise TrainingError(_l("Für diesen Lernpfad können Sie sich nicht anmelden."))
    if find_enrolment(user, path) is not None:
        raise TrainingError(_l("Sie haben diesen Lernpfad bereits begonnen."))
    missing = missing_prerequisites(user, path)
    if missing:
        raise TrainingError(
            _l(
                "Schließen Sie zuerst diese Lernpfade ab: %(titles)s",
                titles=", ".join(p.title for p in missing),
            )
        )
    enrolment = TrainingEnrolment(path_id=path.id, user_id=user.id)
    db.session.add(enrolment)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # a second click in parallel
        raise TrainingError(_l("Sie haben diesen Lernpfad bereits begonnen.")) from None
    return enrolment


@dataclass
class StepState:
    step: TrainingStep
    done: bool
    locked: bool
    updated: bool  # changed after this learner completed it


def step_states(enrolment: TrainingEnrolment | None, path: TrainingPath) -> list[StepState]:
    """Each step's state for this learner; sequential paths lock steps after an open one."""
    completed = {c.step_id: c.completed_at for c in enrolment.completions} if enrolment else {}
    states, blocked = [], False
    for step in path.steps:
        done = step.id in completed
        updated = bool(done and step.content_updated_at and step.content_updated_at > completed[step.id])
        states.append(StepState(step, done, locked=enrolment is None or blocked, updated=updated))
        if path.is_sequential and not done:
            blocked = True
    return states


def progress(enrolment, path) -> tuple[int, int]:
    """(done, total) steps of the path for this enrolment."""
    ids = {s.id for s in path.steps}
    done = sum(1 for c in enrolment.completions if c.step_id in ids) if enrolment else 0
    return done, len(ids)


def _state_of(enrolment, step) -> StepState:
    return next(s for s in step_states(enrolment, step.path) if s.step.id == step.id)


def lock_reason(enrolment, step):
    """Why the learner cannot work on this step yet (not begun, or still locked), else None."""
    if enrolment is None:
        return _l("Bitte melden Sie sich zuerst für diesen Lernpfad an.")
    if _state_of(enrolment, step).locked:
        return _l("Dieser Schritt ist noch gesperrt. Schließen Sie zuerst die Schritte davor ab.")
    return None


def check_unlocked(enrolment, step) -> None:
    """Refuse steps of paths the user has not begun, and steps still locked."""
    if (reason := lock_reason(enrolment, step)) is not None:
        raise TrainingError(reason)


def _mark_done(enrolment: TrainingEnrolment, step: TrainingStep) -> None:
    enrolment.last_step_id = step.id
    if any(c.step_id == step.id for c in enrolment.completions):
        return
    enrolment.completions.append(TrainingStepCompletion(step_id=step.id))
    db.session.flush()
    done, total = progress(enrolment, step.path)
    if done >= total and enrolment.completed_at is None:
        enrolment.completed_at = clock.now()
        db.session.flush()


def complete_step(user, enrolment, step: TrainingStep) -> None:
    """Mark a read, link or attended session step as done ("erledigt")."""
    check_unlocked(enrolment, step)
    if step.kind in ("quiz", "practice"):
        raise TrainingError(_l("Dieser Schritt wird über das Quiz bzw. die Bestätigung abgeschlossen."))
    if step.kind == "session":
        if find_seat(user, step) is None:
            raise TrainingError(_l("Bitte melden Sie sich zuerst für den Termin an."))
        if step.session_starts_at and step.session_starts_at > clock.now():
            raise TrainingError(_l("Sie können die Teilnahme erst ab Beginn des Termins bestätigen."))
    _mark_done(enrolment, step)


def resume_step(enrolment, path) -> TrainingStep | None:
    """The step to continue with: the first open unlocked step, else the last one worked on."""
    for state in step_states(enrolment, path):
        if not state.done and not state.locked:
            return state.step
    return next((s for s in path.steps if enrolment and s.id == enrolment.last_step_id), None)


# --- Quiz --------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: object
    chosen: set[int]
    correct: bool


@dataclass
class QuizResult:
    results: list[QuestionResult]
    score: int  # percent
    passed: bool


def submit_quiz(user, enrolment, step: TrainingStep, answers: dict[int, set[int]]) -> QuizResult:
    """Grade a quiz attempt; only "passed" is stored, never the answers or the score."""
    check_unlocked(enrolment, step)
    if step.kind != "quiz" or not step.questions:
        raise TrainingError(_l("Dieser Schritt ist kein Quiz."))
    unanswered = [q for q in step.questions if not answers.get(q.id)]
    if unanswered:
        raise TrainingError(
            _l("Bitte wählen Sie bei jeder Frage mindestens eine Antwort."), f"q{unanswered[0].id}"
        )
    results = []
    for question in step.questions:
        right = {o.id for o in question.options if o.is_correct}
        chosen = set(answers[question.id])
        results.append(QuestionResult(question, chosen, chosen == right))
    score = round(100 * sum(r.correct for r in results) / len(results))
    passed = score >= step.pass_mark
    if passed:
        _mark_done(enrolment, step)
    return QuizResult(results, score, passed)


# --- In-person sessions ------------------------------------------------------------


def book_seat(user, enrolment, step: TrainingStep) -> TrainingSessionSeat:
    """Take one place; the conditional UPDATE gives the last place to exactly one person."""
    check_unlocked(enrolment, step)
    if step.kind != "session":
        raise TrainingError(_l("Dieser Schritt ist kein Termin."))
    if not perm.can_take_or_return_seat(user, step):
        raise TrainingError(_l("Dieser Termin hat schon begonnen."))
    if find_seat(user, step) is not None:
        raise TrainingError(_l("Sie sind für diesen Termin bereits angemeldet."))
    taken = db.session.execute(
        update(TrainingStep)
        .where(TrainingStep.id == step.id, TrainingStep.seats_taken < TrainingStep.capacity)
        .values(seats_taken=TrainingStep.seats_taken + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise TrainingError(_l("Leider sind alle Plätze vergeben."))
    seat = TrainingSessionSeat(step_id=step.id, user_id=user.id)
    db.session.add(seat)
    try:
        db.session.flush()
    except IntegrityError:  # the same person twice at once: the caller rolls back the count
        raise TrainingError(_l("Sie sind für diesen Termin bereits angemeldet.")) from None
    db.session.expire(step, ["seats_taken"])
    return seat


def cancel_seat(user, step: TrainingStep) -> None:
    """Give a place back before the session starts."""
    seat = find_seat(user, step)
    if seat is None:
        raise TrainingError(_l("Sie sind für diesen Termin nicht angemeldet."))
    if not perm.can_take_or_return_seat(user, step):
        raise TrainingError(_l("Der Termin hat schon begonnen; eine Abmeldung ist nicht mehr möglich."))
    db.session.delete(seat)
    db.session.execute(
        update(TrainingStep)
        .where(TrainingStep.id == step.id, TrainingStep.seats_taken > 0)
        .values(seats_taken=TrainingStep.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    db.session.expire(step, ["seats_taken"])


def session_calendar(step: TrainingStep, url: str) -> bytes:
    """The session as an iCalendar file for Outlook, Thunderbird and phones."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lotse//Lernpfade//DE")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"training-step-{step.id}@{urls.base_host()}")
    event.add("summary", f"{step.path.title}: {step.title}")
    event.add("dtstart", step.session_starts_at)
    event.add("dtend", step.session_ends_at)
    event.add("dtstamp", clock.now())
    event.add("location", step.session_place)
    event.add("description", f"{step.body}\n\n{url}".strip())
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()


# --- Practice confirmed by a guide --------------------------------------------------


def _guides_for(user) -> list[User]:
    """The guides nearest to the learner: their own unit's, else the closest unit above."""
    chain = [u.id for u in org_tree().ancestors(user.unit_id)]
    rows = db.session.execute(
        select(RoleAssignment.unit_id, User)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == "guide",
            RoleAssignment.unit_id.in_(chain),
            User.is_active_account.is_(True),
        )
    ).all()
    by_unit: dict[int, list[User]] = {}
    for unit_id, guide in rows:
        by_unit.setdefault(unit_id, []).append(guide)
    return next((by_unit[unit_id] for unit_id in chain if unit_id in by_unit), [])


def request_practice(user, enrolment, step: TrainingStep, note: str) -> TrainingPracticeRequest:
    """Ask the guides of one's unit to confirm practice on the job."""
    check_unlocked(enrolment, step)
    if step.kind != "practice":
        raise TrainingError(_l("Dieser Schritt ist kein Praxisnachweis."))
    note = (note or "").strip()
    if len(note) > 1000:
        raise TrainingError(too_long(1000), "note")
    existing = find_practice_request(enrolment, step)
    if existing is not None and existing.status != "feedback":
        raise TrainingError(_l("Ihre Anfrage liegt bereits vor."), "note")
    practice = existing or TrainingPracticeRequest(enrolment_id=enrolment.id, step_id=step.id)
    practice.status, practice.note, practice.requested_at = "requested", note, clock.now()
    db.session.add(practice)
    db.session.flush()
    notify(
        _guides_for(user),
        "training_practice_requested",
        _l("%(name)s bittet um Bestätigung: „%(step)s“", name=user.name, step=step.title),
        urls.path_for("training.practice_inbox"),
        exclude=user,
    )
    return practice


def decide_practice(guide, practice: TrainingPracticeRequest, confirm: bool, feedback: str) -> None:
    """A guide of the learner's unit confirms the practice or gives feedback."""
    if not perm.can_confirm_practice(guide, practice):
        raise TrainingError(_l("Sie können nur Praxisnachweise für Personen aus Ihren Einheiten bestätigen."))
    if practice.status != "requested":
        raise TrainingError(_l("Diese Anfrage ist bereits bearbeitet."))
    feedback = (feedback or "").strip()
    if len(feedback) > 1000:
        raise TrainingError(too_long(1000), "feedback")
    if not confirm and not feedback:
        raise TrainingError(_l("Bitte schreiben Sie eine Rückmeldung, was noch fehlt."), "feedback")
    practice.status = "confirmed" if confirm else "feedback"
    practice.feedback, practice.decided_by_id, practice.decided_at = feedback, guide.id, clock.now()
    if confirm:
        _mark_done(practice.enrolment, practice.step)
    message = (
        _l("Ihr Praxisnachweis „%(step)s“ wurde bestätigt.", step=practice.step.title)
        if confirm
        else _l("Rückmeldung zu Ihrem Praxisnachweis „%(step)s“", step=practice.step.title)
    )
    notify(
        [practice.enrolment.user],
        "training_practice_decided",
        message,
        urls.path_for("training.step_page", path_id=practice.step.path_id, step_id=practice.step_id),
        exclude=guide,
    )
    db.session.flush()
