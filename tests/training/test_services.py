"""Services called directly, as jobs and other features do: the rules and their German messages."""

from datetime import timedelta

import pytest

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.training import learning, services
from intranet.training.services import PathData, StepData, TrainingError, has_completed_path


def _refused(call, *args, contains: str):
    with pytest.raises(TrainingError) as caught:
        call(*args)
    assert contains in str(caught.value.message)
    return caught.value


def test_has_completed_path_for_pilots(app, factory, builder):
    user, other = factory.user(), factory.user()
    path = builder.path(kinds=("read",))
    assert not has_completed_path(user, path)
    enrolment = learning.enrol(user, path)
    assert not has_completed_path(user, path)
    learning.complete_step(user, enrolment, path.steps[0])
    db.session.commit()
    assert has_completed_path(user, path)
    assert not has_completed_path(other, path)
    assert not has_completed_path(None, path)


def test_enrol_rules(app, factory, builder):
    user = factory.user()
    draft = builder.path(status="draft")
    _refused(learning.enrol, user, draft, contains="nicht anmelden")
    path = builder.path()
    learning.enrol(user, path)
    _refused(learning.enrol, user, path, contains="bereits begonnen")


def test_step_rules(app, factory, builder):
    user = factory.user()
    path = builder.path(kinds=("quiz", "session", "practice"), sequential=False, capacity=1)
    quiz, session, practice = path.steps
    enrolment = learning.enrol(user, path)
    _refused(learning.complete_step, user, enrolment, quiz, contains="über das Quiz")
    _refused(learning.complete_step, user, enrolment, session, contains="zuerst für den Termin an")
    _refused(learning.submit_quiz, user, enrolment, quiz, {}, contains="bei jeder Frage")
    error = _refused(
        learning.submit_quiz, user, enrolment, quiz, {quiz.questions[0].id: {1}}, contains="bei jeder Frage"
    )
    assert error.field == f"q{quiz.questions[1].id}"
    _refused(learning.book_seat, user, enrolment, quiz, contains="kein Termin")
    _refused(learning.request_practice, user, enrolment, practice, "x" * 1001, contains="1.000")
    learning.book_seat(user, enrolment, session)
    with clock.frozen(session.session_starts_at + timedelta(minutes=1)):
        _refused(learning.cancel_seat, user, session, contains="schon begonnen")
        _refused(learning.book_seat, factory.user(), enrolment, session, contains="schon begonnen")


def test_quiz_scores_and_pass_mark(app, factory, builder):
    user = factory.user()
    path = builder.path(kinds=("quiz",))
    quiz = path.steps[0]
    quiz.pass_mark = 100
    enrolment = learning.enrol(user, path)
    first, second = quiz.questions
    right = {q.id: {o.id for o in q.options if o.is_correct} for q in quiz.questions}
    half = {first.id: right[first.id], second.id: {second.options[1].id}}
    result = learning.submit_quiz(user, enrolment, quiz, half)
    assert (result.score, result.passed) == (50, False)
    both = {first.id: {o.id for o in first.options}, second.id: right[second.id]}
    assert learning.submit_quiz(user, enrolment, quiz, both).score == 50  # extra wrong choice
    assert learning.submit_quiz(user, enrolment, quiz, right).passed


def test_path_and_step_validation(app, factory, builder):
    staff, guide = factory.user(), factory.user(roles=[("guide", factory.unit())])
    _refused(services.save_path, staff, None, PathData("Titel"), contains="Nur Lotsinnen")
    _refused(services.save_path, guide, None, PathData("  "), contains="Titel ein")
    _refused(services.save_path, guide, None, PathData("T", estimated_minutes=0), contains="Dauer")
    path = services.save_path(guide, None, PathData("Mein Pfad"))
    other_guide = factory.user(roles=[("guide", factory.unit())])
    _refused(services.save_path, other_guide, path, PathData("Fremd"), contains="nicht bearbeiten")
    _refused(services.add_step, guide, path, StepData("video", "x"), contains="Art des Schritts")
    _refused(services.add_step, guide, path, StepData("quiz", "Q", pass_mark=0), contains="1 und 100")
    _refused(services.add_step, guide, path, StepData("session", "S"), contains="Datum und Uhrzeit")
    step = services.add_step(guide, path, StepData("read", "Lesen"))
    _refused(services.move_step, guide, step, 2, contains="Möglich ist 1 bis 1")
    _refused(services.set_prerequisites, guide, path, [999999], contains="gibt es nicht")


def test_last_question_of_a_published_quiz_stays(app, factory, builder):
    admin = factory.admin()
    path = builder.path(author=admin, kinds=("quiz",))
    first, second = path.steps[0].questions
    services.remove_question(admin, first)
    _refused(services.remove_question, admin, second, contains="mindestens eine Frage")
    assert len(path.steps[0].questions) == 1


def test_moving_a_session_tells_the_people_with_a_place(app, factory, builder):
    admin, learner = factory.admin(), factory.user()
    path = builder.path(author=admin, kinds=("session",))
    session = path.steps[0]
    learning.book_seat(learner, learning.enrol(learner, path), session)
    same = StepData(
        "session",
        session.title,
        session.body,
        "",
        80,
        session.session_starts_at,
        session.session_ends_at,
        session.session_place,
        session.capacity,
    )
    assert services.update_step(admin, session, same) == 0
    moved = StepData(
        "session",
        session.title,
        session.body,
        "",
        80,
        session.session_starts_at + timedelta(days=1),
        session.session_ends_at + timedelta(days=1),
        "Raum 202",
        session.capacity,
    )
    assert services.update_step(admin, session, moved) == 1
    message = db.session.scalar(
        db.select(Notification.message).where(
            Notification.user_id == learner.id, Notification.kind == "training_session_changed"
        )
    )
    assert "hat sich geändert" in message
