"""Learners: catalogue, path page, enrolment, each step kind, locking, confirmation."""

from datetime import timedelta

from sqlalchemy import func, select

from intranet import clock
from intranet.extensions import db
from intranet.training.models import (
    TrainingEnrolment,
    TrainingSessionSeat,
    TrainingStepCompletion,
)
from tests.charts_check import check_charts
from tests.training.conftest import quiz_answers


def _enrol(client, path):
    return client.post(f"/lernpfade/{path.id}/einschreiben")


def test_catalogue_lists_published_paths_only(client, factory, login_as, builder):
    user = factory.user()
    builder.path(title="Sicher im Netz")
    builder.path(title="Geheimer Entwurf", status="draft")
    login_as(user)
    response = client.get("/lernpfade/")
    assert response.status_code == 200
    assert "Sicher im Netz" in response.text
    assert "Geheimer Entwurf" not in response.text


def test_catalogue_filters_by_level_topic_and_assignment(client, factory, login_as, builder):
    user = factory.user()
    topic = factory.topic("Videokonferenz")
    builder.path(title="Videokonferenzen leiten", level="aufbau", topic=topic)
    builder.path(title="Erste Schritte am PC", level="einstieg")
    login_as(user)
    aufbau = client.get("/lernpfade/?level=aufbau").text
    assert "Videokonferenzen leiten" in aufbau and "Erste Schritte am PC" not in aufbau
    by_topic = client.get(f"/lernpfade/?topic={topic.id}").text
    assert "Videokonferenzen leiten" in by_topic and "Erste Schritte am PC" not in by_topic
    assigned = client.get("/lernpfade/?show=assigned").text
    assert "Keine Lernpfade gefunden" in assigned
    nonsense = client.get("/lernpfade/?topic=abc&level=<x>&show=zzz&q=" + "x" * 500)
    assert nonsense.status_code == 200


def test_catalogue_htmx_returns_only_results(client, factory, login_as, builder):
    login_as(factory.user())
    builder.path(title="Sicher im Netz")
    response = client.get(
        "/lernpfade/?q=netz", headers={"HX-Request": "true", "HX-Target": "training-results"}
    )
    assert response.text.lstrip().startswith('<div id="training-results">')
    assert "Sicher im Netz" in response.text
    assert '<p id="training-count" data-hx-swap-oob="innerHTML">1 Lernpfad gefunden</p>' in response.text
    boosted = client.get(
        "/lernpfade/?q=netz",
        headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "training-results"},
    )
    assert "<html" in boosted.text


def test_enrol_once_then_second_enrol_is_a_message(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path()
    login_as(user)
    assert _enrol(client, path).status_code == 303
    again = client.post(f"/lernpfade/{path.id}/einschreiben", follow_redirects=True)
    assert "bereits begonnen" in again.text
    assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 1


def test_prerequisite_must_be_completed_before_enrolling(client, factory, login_as, builder):
    user = factory.user()
    basics = builder.path(title="Erste Schritte am PC", kinds=("read",))
    advanced = builder.path(title="E-Akte Aufbau")
    advanced.prerequisites.append(basics)
    db.session.commit()
    login_as(user)
    refused = client.post(f"/lernpfade/{advanced.id}/einschreiben", follow_redirects=True)
    assert "Schließen Sie zuerst diese Lernpfade ab: Erste Schritte am PC" in refused.text
    _enrol(client, basics)
    client.post(f"/lernpfade/{basics.id}/schritte/{basics.steps[0].id}/erledigt")
    assert _enrol(client, advanced).status_code == 303


def test_sequential_path_refuses_locked_step_by_url(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path(kinds=("read", "read"))
    login_as(user)
    _enrol(client, path)
    second = path.steps[1]
    page = client.get(f"/lernpfade/{path.id}/schritte/{second.id}")
    assert page.status_code == 303
    followed = client.get(f"/lernpfade/{path.id}/schritte/{second.id}", follow_redirects=True)
    assert "Dieser Schritt ist noch gesperrt" in followed.text
    done = client.post(f"/lernpfade/{path.id}/schritte/{second.id}/erledigt", follow_redirects=True)
    assert "noch gesperrt" in done.text
    assert db.session.scalar(select(func.count(TrainingStepCompletion.id))) == 0


def test_free_order_path_opens_every_step(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path(kinds=("read", "read"), sequential=False)
    login_as(user)
    _enrol(client, path)
    assert client.get(f"/lernpfade/{path.id}/schritte/{path.steps[1].id}").status_code == 200


def test_step_of_path_not_begun_sends_back(client, factory, login_as, builder):
    login_as(factory.user())
    path = builder.path()
    response = client.get(f"/lernpfade/{path.id}/schritte/{path.steps[0].id}", follow_redirects=True)
    assert "Bitte melden Sie sich zuerst für diesen Lernpfad an" in response.text


def test_walk_through_read_link_quiz_then_print_confirmation(client, factory, login_as, builder):
    user = factory.user(name="Petra Schneider")
    path = builder.path(kinds=("read", "link", "quiz"))
    read, link, quiz = path.steps
    login_as(user)
    _enrol(client, path)
    page = client.get(f"/lernpfade/{path.id}")
    assert "0 von 3 Schritten erledigt" in page.text and check_charts(page.text) == 0
    assert client.get(f"/lernpfade/{path.id}/schritte/{read.id}").status_code == 200
    assert (
        client.post(f"/lernpfade/{path.id}/schritte/{read.id}/erledigt")
        .headers["Location"]
        .endswith(f"/schritte/{link.id}")
    )
    link_page = client.get(f"/lernpfade/{path.id}/schritte/{link.id}")
    assert 'href="https://example.org/video" target="_blank" rel="noopener noreferrer"' in link_page.text
    client.post(f"/lernpfade/{path.id}/schritte/{link.id}/erledigt")
    assert client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/erledigt").status_code == 303  # refused
    result = client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz", data=quiz_answers(quiz))
    assert result.status_code == 200 and "Bestanden!" in result.text
    enrolment = db.session.scalar(select(TrainingEnrolment))
    assert enrolment.completed_at is not None
    confirmation = client.get(f"/lernpfade/teilnahmen/{enrolment.id}/bestaetigung")
    assert confirmation.status_code == 200
    assert "Petra Schneider" in confirmation.text and "Teilnahmebestätigung" in confirmation.text


def test_resume_where_stopped(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path(kinds=("read", "read", "read"))
    login_as(user)
    _enrol(client, path)
    client.post(f"/lernpfade/{path.id}/schritte/{path.steps[0].id}/erledigt")
    page = client.get(f"/lernpfade/{path.id}").text
    assert f'/lernpfade/{path.id}/schritte/{path.steps[1].id}">Weitermachen' in page


def test_quiz_wrong_answer_shows_explanations_and_allows_retry(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path(kinds=("quiz",))
    quiz = path.steps[0]
    login_as(user)
    _enrol(client, path)
    wrong = client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz", data=quiz_answers(quiz, right=False))
    assert "Noch nicht bestanden" in wrong.text and "Darum 1." in wrong.text
    assert db.session.scalar(select(TrainingEnrolment)).completed_at is None
    assert db.session.scalar(select(func.count(TrainingStepCompletion.id))) == 0
    retry = client.post(
        f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz",
        data=quiz_answers(quiz),
        headers={"HX-Request": "true", "HX-Target": "quiz-region"},
    )
    assert "<html" not in retry.text and "Bestanden!" in retry.text
    assert '<div id="progress-region" data-hx-swap-oob="true">' in retry.text
    assert "1 von 1 Schritten erledigt" in retry.text


def test_quiz_without_answers_is_a_field_error(client, factory, login_as, builder):
    login_as(factory.user())
    path = builder.path(kinds=("quiz",))
    quiz = path.steps[0]
    _enrol(client, path)
    first = quiz.questions[0]
    partial = {f"q{first.id}": str(first.options[0].id)}
    response = client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz", data=partial)
    assert response.status_code == 422
    assert "Bitte wählen Sie bei jeder Frage mindestens eine Antwort." in response.text
    option = first.options[0]
    kept = f'name="q{first.id}" value="{option.id}" checked'
    assert kept in response.text  # the user's choice is kept
    junk = client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz", data={f"q{first.id}": "x' OR 1"})
    assert junk.status_code == 422


def test_session_book_cancel_ical_and_attendance(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path(kinds=("session",), capacity=1)
    session = path.steps[0]
    login_as(user)
    _enrol(client, path)
    page = client.get(f"/lernpfade/{path.id}/schritte/{session.id}")
    assert "1 von 1" in page.text
    client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz")
    assert db.session.scalar(select(func.count(TrainingSessionSeat.id))) == 1
    assert "0 von 1" in client.get(f"/lernpfade/{path.id}/schritte/{session.id}").text
    again = client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz", follow_redirects=True)
    assert "bereits angemeldet" in again.text
    ics = client.get(f"/lernpfade/{path.id}/schritte/{session.id}/termin.ics")
    assert ics.headers["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.data and b"LOCATION:Raum 101" in ics.data
    early = client.post(f"/lernpfade/{path.id}/schritte/{session.id}/erledigt", follow_redirects=True)
    assert "erst ab Beginn" in early.text
    with clock.frozen(session.session_starts_at + timedelta(minutes=5)):
        client.post(f"/lernpfade/{path.id}/schritte/{session.id}/erledigt")
    assert db.session.scalar(select(TrainingEnrolment)).completed_at is not None


def test_session_cancel_frees_the_place(client, factory, login_as, builder):
    first, second = factory.user(), factory.user()
    path = builder.path(kinds=("session",), capacity=1)
    session = path.steps[0]
    for user in (first, second):
        login_as(user)
        _enrol(client, path)
    login_as(first)
    client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz")
    login_as(second)
    full = client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz", follow_redirects=True)
    assert "alle Plätze vergeben" in full.text
    login_as(first)
    client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz/stornieren")
    login_as(second)
    client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz")
    seats = db.session.scalars(select(TrainingSessionSeat)).all()
    assert [s.user_id for s in seats] == [second.id]
    db.session.refresh(session)
    assert session.seats_taken == 1


def test_confirmation_only_after_completion(client, factory, login_as, builder):
    user = factory.user()
    path = builder.path()
    login_as(user)
    _enrol(client, path)
    enrolment = db.session.scalar(select(TrainingEnrolment))
    assert client.get(f"/lernpfade/teilnahmen/{enrolment.id}/bestaetigung").status_code == 404


def test_overlong_practice_note_is_a_field_error(client, org, login_as, builder):
    user = org.staff
    path = builder.path(kinds=("practice",))
    login_as(user)
    _enrol(client, path)
    step = path.steps[0]
    response = client.post(
        f"/lernpfade/{path.id}/schritte/{step.id}/praxisnachweis", data={"note": "x" * 1200}
    )
    assert response.status_code == 422
    assert "Höchstens 1.000 Zeichen." in response.text


def test_huge_ids_in_urls_are_404_not_500(client, factory, login_as, builder):
    login_as(factory.user())
    path = builder.path()
    huge = "99999999999999999999"
    for url in (
        f"/lernpfade/{huge}",
        f"/lernpfade/{path.id}/schritte/{huge}",
        f"/lernpfade/teilnahmen/{huge}/bestaetigung",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/lernpfade/praxisnachweise/{huge}", data={"confirm": "1"}).status_code == 404
    assert client.get(f"/lernpfade/?topic={huge}&page={huge}").status_code == 200
    assert client.get(f"/lernpfade/bericht?path={huge}").status_code == 403
