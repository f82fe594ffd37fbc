"""No input produces a 500: every training form gets empty, junk and overlong values."""

import pytest
from sqlalchemy import func, select

from intranet.extensions import db
from intranet.training import learning
from intranet.training.models import (
    TrainingAssignment,
    TrainingPath,
    TrainingPracticeRequest,
    TrainingQuestion,
    TrainingStep,
)

JUNK = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999",
    "abc",
    "<script>x</script>",
    "x" * 60000,
    "2030-13-45",
    "2030-02-30T25:61",
    "\x00",
]
FIELDS = [
    "title",
    "summary",
    "level",
    "audience",
    "estimated_minutes",
    "topic_id",
    "is_sequential",
    "prerequisite_ids",
    "kind",
    "body",
    "url",
    "session_starts_at",
    "session_ends_at",
    "session_place",
    "capacity",
    "pass_mark",
    "position",
    "status",
    "note",
    "feedback",
    "unit_id",
    "due_on",
    "question-text",
    "question-option_1",
    "question-correct_1",
    "confirm",
    "save",
    "preview",
]


def _every_form(org, factory, builder):
    """An editor who may use every training form (admin, guide, leadership), and their URLs."""
    tree = org.tree
    editor = factory.user(
        unit=tree["a32"], roles=["admin", ("guide", tree["a32"]), ("leadership", tree["d2"])]
    )
    path = builder.path(author=editor, kinds=("read", "quiz", "session", "practice"), sequential=False)
    draft = builder.path(author=editor, kinds=("read",), status="draft")
    enrolment = learning.enrol(editor, path)
    practice = learning.request_practice(editor, enrolment, path.steps[3], "")
    db.session.commit()
    read, quiz, session, _practice = path.steps
    posts = [
        "/lernpfade/neu",
        f"/lernpfade/{path.id}/bearbeiten",
        f"/lernpfade/{draft.id}/bearbeiten",
        f"/lernpfade/{path.id}/einschreiben",
        f"/lernpfade/{path.id}/status",
        f"/lernpfade/{draft.id}/status",
        f"/lernpfade/{path.id}/schritte/neu",
        f"/lernpfade/{path.id}/schritte/{read.id}/bearbeiten",
        f"/lernpfade/{path.id}/schritte/{session.id}/bearbeiten",
        f"/lernpfade/{path.id}/schritte/{quiz.id}/bearbeiten",
        f"/lernpfade/{path.id}/schritte/{read.id}/verschieben",
        f"/lernpfade/{path.id}/schritte/{quiz.id}/fragen",
        f"/lernpfade/{path.id}/schritte/{read.id}/erledigt",
        f"/lernpfade/{path.id}/schritte/{quiz.id}/quiz",
        f"/lernpfade/{path.id}/schritte/{session.id}/platz",
        f"/lernpfade/{path.id}/schritte/{session.id}/platz/stornieren",
        f"/lernpfade/{path.id}/schritte/{path.steps[3].id}/praxisnachweis",
        f"/lernpfade/praxisnachweise/{practice.id}",
        f"/lernpfade/{path.id}/zuweisen",
        "/lernpfade/vorschau",
    ]
    return editor, path, practice, posts


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_no_500_on_any_training_post(client, org, factory, login_as, builder, junk):
    editor, path, _practice, posts = _every_form(org, factory, builder)
    quiz = path.steps[1]
    login_as(editor)
    data = {name: junk for name in FIELDS} | {f"q{q.id}": junk for q in quiz.questions}
    for url in posts:
        for payload in (data, {}):
            response = client.post(url, data=payload)
            assert response.status_code < 500, (url, response.status_code)
    for url in (
        f"/lernpfade/?q={junk[:2000]}&level={junk[:50]}&topic={junk[:50]}&show={junk[:50]}",
        f"/lernpfade/bericht?path={junk[:50]}",
    ):
        assert client.get(url).status_code < 500, url


def test_60000_characters_in_every_field_store_nothing(client, org, factory, login_as, builder):
    editor, path, practice, posts = _every_form(org, factory, builder)
    quiz = path.steps[1]
    huge = "x" * 60000

    def stored():
        return (
            db.session.scalars(select(TrainingPath.title).order_by(TrainingPath.id)).all(),
            db.session.scalars(select(TrainingStep.title).order_by(TrainingStep.id)).all(),
            db.session.scalars(select(TrainingQuestion.text).order_by(TrainingQuestion.id)).all(),
            db.session.scalar(select(func.count(TrainingAssignment.id))),
            db.session.execute(select(TrainingPracticeRequest.status, TrainingPracticeRequest.note)).all(),
        )

    before = stored()
    login_as(editor)
    data = {name: huge for name in FIELDS} | {f"q{q.id}": huge for q in quiz.questions}
    for url in posts:
        response = client.post(url, data=data)
        assert response.status_code < 500, (url, response.status_code)
    db.session.expire_all()
    assert stored() == before
    assert practice.status == "requested"


def test_nul_bytes_in_text_are_dropped(client, factory, login_as, builder):
    guide = factory.user(roles=[("guide", factory.unit())])
    login_as(guide)
    response = client.post(
        "/lernpfade/neu",
        data={
            "title": "Sicher\x00 im Netz",
            "summary": "a\x00b",
            "level": "einstieg",
            "estimated_minutes": "30",
            "topic_id": "0",
            "save": "1",
        },
    )
    assert response.status_code == 303
    path = db.session.scalar(db.select(TrainingPath))
    assert (path.title, path.summary) == ("Sicher im Netz", "ab")
