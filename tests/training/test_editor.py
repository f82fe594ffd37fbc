"""Editors (guides and admins): paths, steps, quizzes, status, preview, prerequisites."""

from sqlalchemy import func, select

from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.training import learning, services
from intranet.training.models import TrainingPath, TrainingStep, TrainingStepCompletion
from tests.training.conftest import quiz_answers

PATH_FORM = {
    "title": "Sicher im Netz",
    "summary": "## Phishing\n\nErkennen.",
    "level": "einstieg",
    "audience": "Alle",
    "estimated_minutes": "60",
    "topic_id": "0",
    "is_sequential": "y",
    "save": "1",
}


def test_guide_creates_a_draft_path(client, factory, login_as):
    guide = factory.user(roles=[("guide", factory.unit())])
    login_as(guide)
    assert client.get("/lernpfade/neu").status_code == 200
    response = client.post("/lernpfade/neu", data=PATH_FORM)
    assert response.status_code == 303
    path = db.session.scalar(select(TrainingPath))
    assert (path.title, path.status, path.author_id, path.estimated_minutes) == (
        "Sicher im Netz",
        "draft",
        guide.id,
        60,
    )


def test_path_form_errors_keep_input(client, factory, login_as):
    login_as(factory.admin())
    data = {**PATH_FORM, "title": "x" * 200, "estimated_minutes": "viel", "summary": "Mein Text"}
    response = client.post("/lernpfade/neu", data=data)
    assert response.status_code == 422
    assert "Höchstens 160 Zeichen." in response.text
    assert "Bitte geben Sie eine ganze Zahl ein." in response.text
    assert "Mein Text" in response.text
    assert db.session.scalar(select(func.count(TrainingPath.id))) == 0


def test_preview_without_js_does_not_save(client, factory, login_as):
    login_as(factory.admin())
    data = {**PATH_FORM, "preview": "1"}
    data.pop("save")
    response = client.post("/lernpfade/neu", data=data)
    assert response.status_code == 200
    assert "<h2>Phishing</h2>" in response.text
    assert db.session.scalar(select(func.count(TrainingPath.id))) == 0


def test_htmx_preview_sanitises_markdown(client, factory, login_as):
    login_as(factory.admin())
    response = client.post(
        "/lernpfade/vorschau",
        data={"summary": "**fett** <script>alert(1)</script><a href='x' hx-get='/x'>a</a>"},
    )
    assert "<strong>fett</strong>" in response.text
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    assert "<a href='x' hx-get" not in response.text


def test_add_every_step_kind_and_publish(client, factory, login_as):
    admin = factory.admin()
    login_as(admin)
    client.post("/lernpfade/neu", data=PATH_FORM)
    path = db.session.scalar(select(TrainingPath))
    steps = [
        {"kind": "read", "title": "Lesen"},
        {"kind": "link", "title": "Video", "url": "https://example.org/v"},
        {
            "kind": "session",
            "title": "Termin",
            "session_starts_at": "2031-03-01T09:00",
            "session_ends_at": "2031-03-01T11:00",
            "session_place": "Raum 1",
            "capacity": "5",
        },
        {"kind": "quiz", "title": "Quiz"},
        {"kind": "practice", "title": "Praxis"},
    ]
    for data in steps:
        assert client.post(f"/lernpfade/{path.id}/schritte/neu", data=data).status_code == 303
    kinds = db.session.scalars(select(TrainingStep.kind).order_by(TrainingStep.position)).all()
    assert kinds == ["read", "link", "session", "quiz", "practice"]
    session = db.session.scalar(select(TrainingStep).where(TrainingStep.kind == "session"))
    assert session.session_starts_at.hour == 8  # 09:00 Berlin (winter) is 08:00 UTC
    refused = client.post(f"/lernpfade/{path.id}/status", data={"status": "published"}, follow_redirects=True)
    assert "braucht mindestens eine Frage" in refused.text
    quiz = db.session.scalar(select(TrainingStep).where(TrainingStep.kind == "quiz"))
    question = {
        "question-text": "Was ist richtig?",
        "question-explanation": "Weil.",
        "question-option_1": "Das",
        "question-correct_1": "y",
        "question-option_2": "Jenes",
    }
    assert client.post(f"/lernpfade/{path.id}/schritte/{quiz.id}/fragen", data=question).status_code == 303
    client.post(f"/lernpfade/{path.id}/status", data={"status": "published"})
    db.session.refresh(path)
    assert path.status == "published"


def test_step_validation_messages(client, factory, login_as):
    login_as(factory.admin())
    client.post("/lernpfade/neu", data=PATH_FORM)
    path = db.session.scalar(select(TrainingPath))
    bad_link = client.post(
        f"/lernpfade/{path.id}/schritte/neu",
        data={"kind": "link", "title": "Video", "url": "javascript:alert(1)"},
    )
    assert bad_link.status_code == 422 and "https://" in bad_link.text
    bad_session = client.post(
        f"/lernpfade/{path.id}/schritte/neu",
        data={
            "kind": "session",
            "title": "T",
            "session_starts_at": "2031-03-01T09:00",
            "session_ends_at": "2031-03-01T08:00",
            "session_place": "R",
            "capacity": "3",
        },
    )
    assert bad_session.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in bad_session.text
    bad_date = client.post(
        f"/lernpfade/{path.id}/schritte/neu",
        data={"kind": "session", "title": "T", "session_starts_at": "morgen"},
    )
    assert bad_date.status_code == 422 and "Datum und Uhrzeit vollständig" in bad_date.text
    no_answer = client.post(f"/lernpfade/{path.id}/schritte/neu", data={"kind": "quiz", "title": ""})
    assert no_answer.status_code == 422
    assert db.session.scalar(select(func.count(TrainingStep.id))) == 0


def test_quiz_question_needs_a_right_answer(client, factory, login_as, builder):
    admin = factory.admin()
    path = builder.path(author=admin, kinds=("quiz",), status="draft")
    login_as(admin)
    quiz = path.steps[0]
    response = client.post(
        f"/lernpfade/{path.id}/schritte/{quiz.id}/fragen",
        data={"question-text": "Frage?", "question-option_1": "A", "question-option_2": "B"},
    )
    assert response.status_code == 422 and "mindestens eine richtige Antwort" in response.text
    assert 'value="Frage?"' in response.text


def test_reorder_with_buttons_and_invalid_position(client, factory, login_as, builder):
    admin = factory.admin()
    path = builder.path(author=admin, kinds=("read", "link", "quiz"))
    first, second, third = path.steps
    login_as(admin)
    response = client.post(
        f"/lernpfade/{path.id}/schritte/{third.id}/verschieben",
        data={"position": "1"},
        headers={"HX-Request": "true", "HX-Target": "step-list"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'class="editor-steps"' in response.text
    assert "data-focus-after-swap" in response.text
    order = db.session.scalars(select(TrainingStep.id).order_by(TrainingStep.position)).all()
    assert order == [third.id, first.id, second.id]
    for bad in ("0", "4", "-1", "zwei", ""):
        refused = client.post(f"/lernpfade/{path.id}/schritte/{first.id}/verschieben", data={"position": bad})
        assert refused.status_code == 422, bad
        assert "Diese Position gibt es nicht" in refused.text
    assert db.session.scalars(select(TrainingStep.id).order_by(TrainingStep.position)).all() == order
    plain = client.post(f"/lernpfade/{path.id}/schritte/{first.id}/verschieben", data={"position": "3"})
    assert plain.status_code == 303


def test_editing_published_path_keeps_progress_and_marks_updated(client, factory, login_as, builder):
    admin = factory.admin()
    learner = factory.user()
    path = builder.path(author=admin, kinds=("read", "read"))
    enrolment = learning.enrol(learner, path)
    learning.complete_step(learner, enrolment, path.steps[0])
    db.session.commit()
    login_as(admin)
    step = path.steps[0]
    response = client.post(
        f"/lernpfade/{path.id}/schritte/{step.id}/bearbeiten",
        data={"title": "Neu gefasst", "body": "Neuer Text", "mark_updated": "y", "save": "1"},
    )
    assert response.status_code == 303
    assert db.session.scalar(select(func.count(TrainingStepCompletion.id))) == 1
    note = db.session.scalar(select(Notification).where(Notification.user_id == learner.id))
    assert "aktualisiert" in note.message
    login_as(learner)
    page = client.get(f"/lernpfade/{path.id}")
    assert "aktualisiert" in page.text


def test_removing_last_open_step_completes_learners(app, factory, builder):
    admin = factory.admin()
    learner = factory.user()
    path = builder.path(author=admin, kinds=("read", "read"))
    enrolment = learning.enrol(learner, path)
    learning.complete_step(learner, enrolment, path.steps[0])
    services.remove_step(admin, path.steps[1])
    db.session.commit()
    db.session.refresh(enrolment)
    assert enrolment.completed_at is not None


def test_prerequisite_cycle_is_refused(client, factory, login_as, builder):
    admin = factory.admin()
    a = builder.path(author=admin, title="A")
    b = builder.path(author=admin, title="B")
    c = builder.path(author=admin, title="C")
    b.prerequisites.append(a)
    c.prerequisites.append(b)
    db.session.commit()
    login_as(admin)
    data = {**PATH_FORM, "title": "A", "prerequisite_ids": [str(c.id)]}
    response = client.post(f"/lernpfade/{a.id}/bearbeiten", data=data)
    assert response.status_code == 422
    assert "einen Kreis" in response.text
    db.session.refresh(a)
    assert a.prerequisites == []
    assert services.would_create_cycle(a.id, [a.id])
    assert not services.would_create_cycle(c.id, [a.id])


def test_status_transitions(app, factory, builder):
    admin = factory.admin()
    path = builder.path(author=admin, status="draft")
    services.change_status(admin, path, "published")
    services.change_status(admin, path, "archived")
    try:
        services.change_status(admin, path, "draft")
    except services.TrainingError as error:
        assert "nicht möglich" in str(error.message)
    else:
        raise AssertionError("archived → draft must be refused")
    empty = builder.path(author=admin, kinds=(), status="draft")
    try:
        services.change_status(admin, empty, "published")
    except services.TrainingError as error:
        assert "mindestens einen Schritt" in str(error.message)
    else:
        raise AssertionError("publishing an empty path must be refused")


def test_quiz_passes_with_answers_from_builder(client, factory, login_as, builder):
    """Guard for the helper itself: right answers pass, wrong ones do not."""
    user = factory.user()
    path = builder.path(kinds=("quiz",))
    enrolment = learning.enrol(user, path)
    quiz = path.steps[0]
    answers = {q.id: {int(v)} for q, v in zip(quiz.questions, quiz_answers(quiz).values(), strict=True)}
    assert learning.submit_quiz(user, enrolment, quiz, answers).passed


def test_editors_find_their_drafts_in_the_catalogue(client, factory, login_as, builder):
    guide = factory.user(roles=[("guide", factory.unit())])
    other_guide = factory.user(roles=[("guide", factory.unit())])
    builder.path(author=guide, status="draft", title="Mein Entwurf")
    builder.path(author=other_guide, status="draft", title="Fremder Entwurf")
    login_as(guide)
    page = client.get("/lernpfade/?show=drafts").text
    assert "Mein Entwurf" in page and "Fremder Entwurf" not in page and "Entwurf</span>" in page
    login_as(factory.admin())
    assert "Fremder Entwurf" in client.get("/lernpfade/?show=drafts").text
    login_as(factory.user())
    staff_page = client.get("/lernpfade/?show=drafts").text
    assert "Mein Entwurf" not in staff_page and "Entwürfe und Archiv" not in staff_page
