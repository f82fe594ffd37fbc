"""Training routes × roles, including another person's progress (IDOR → 404) and htmx partials."""

from dataclasses import replace
from datetime import timedelta

import pytest

from intranet import clock
from intranet.extensions import db
from intranet.training import learning
from tests.permissions.conftest import Case
from tests.training.conftest import PathBuilder

SIGNED_IN = {"anonymous": 302, "*": 200}
EDITORS = {"anonymous": 302, "*": 403, "guide": 200, "other_guide": 200, "admin": 200}
AUTHOR_OR_ADMIN = {"anonymous": 302, "*": 404, "guide": 200, "admin": 200}
AUTHOR_OR_ADMIN_POST = {"anonymous": 302, "*": 404, "guide": 303, "admin": 303}
LEADERS = {"anonymous": 302, "*": 403, "leader": 200, "other_leader": 200}
ONLY_STAFF = {"anonymous": 302, "*": 404, "staff": 200}
HTMX_STEPS = {"HX-Request": "true", "HX-Target": "step-list"}

CASES = [
    Case("catalogue", "GET", "/lernpfade/", SIGNED_IN),
    Case(
        "catalogue partial",
        "GET",
        "/lernpfade/?level=einstieg",
        {"anonymous": 401, "*": 200},
        headers={"HX-Request": "true", "HX-Target": "training-results"},
    ),
    Case("published path", "GET", "/lernpfade/{path}", SIGNED_IN),
    Case("draft path", "GET", "/lernpfade/{draft}", AUTHOR_OR_ADMIN),
    Case("unknown path", "GET", "/lernpfade/999999", {"anonymous": 302, "*": 404}),
    Case("enrol", "POST", "/lernpfade/{path}/einschreiben", {"anonymous": 302, "*": 303}),
    Case(
        "enrol in draft",
        "POST",
        "/lernpfade/{draft}/einschreiben",
        {"anonymous": 302, "*": 404, "guide": 303, "admin": 303},
    ),
    Case(
        "step of a path begun",
        "GET",
        "/lernpfade/{path}/schritte/{read}",
        {"anonymous": 302, "*": 303, "staff": 200},
    ),
    Case(
        "step of a draft",
        "GET",
        "/lernpfade/{draft}/schritte/{draft_step}",
        {"anonymous": 302, "*": 404, "guide": 303, "admin": 303},
    ),
    Case(
        "step of another path", "GET", "/lernpfade/{path}/schritte/{draft_step}", {"anonymous": 302, "*": 404}
    ),
    Case(
        "mark read step done",
        "POST",
        "/lernpfade/{path}/schritte/{read}/erledigt",
        {"anonymous": 302, "*": 303},
    ),
    Case(
        "quiz partial",
        "POST",
        "/lernpfade/{path}/schritte/{quiz}/quiz",
        {"anonymous": 401, "*": 204, "staff": 422},  # not begun: client-side redirect
        headers={"HX-Request": "true", "HX-Target": "quiz-region"},
    ),
    Case("book seat", "POST", "/lernpfade/{path}/schritte/{session}/platz", {"anonymous": 302, "*": 303}),
    Case(
        "cancel a place one does not hold",
        "POST",
        "/lernpfade/{path}/schritte/{session}/platz/stornieren",
        {"anonymous": 302, "*": 303},
    ),
    Case(
        "ask again for practice confirmation",  # staff's request is already waiting
        "POST",
        "/lernpfade/{path}/schritte/{practice_step}/praxisnachweis",
        {"anonymous": 302, "*": 303, "staff": 422},
        data={"note": "Erledigt"},
    ),
    Case("iCal", "GET", "/lernpfade/{path}/schritte/{session}/termin.ics", SIGNED_IN),
    Case(
        "iCal of a draft",
        "GET",
        "/lernpfade/{draft}/schritte/{draft_step}/termin.ics",
        {"anonymous": 302, "*": 404, "guide": 200, "admin": 200},
    ),
    Case(
        "someone else's confirmation",
        "GET",
        "/lernpfade/teilnahmen/{done_enrolment}/bestaetigung",
        ONLY_STAFF,
    ),
    Case("new path", "GET", "/lernpfade/neu", EDITORS),
    Case("edit path", "GET", "/lernpfade/{path}/bearbeiten", AUTHOR_OR_ADMIN),
    Case("editor", "GET", "/lernpfade/{path}/aufbau", AUTHOR_OR_ADMIN),
    Case(
        "editor step list partial",
        "GET",
        "/lernpfade/{path}/aufbau",
        {**AUTHOR_OR_ADMIN, "anonymous": 401},
        headers=HTMX_STEPS,
    ),
    Case("edit step", "GET", "/lernpfade/{path}/schritte/{read}/bearbeiten", AUTHOR_OR_ADMIN),
    Case(
        "add step",
        "POST",
        "/lernpfade/{path}/schritte/neu",
        AUTHOR_OR_ADMIN_POST,
        data={"kind": "read", "title": "Neu"},
    ),
    Case(
        "move step (htmx)",
        "POST",
        "/lernpfade/{path}/schritte/{read}/verschieben",
        {"anonymous": 401, "*": 404, "guide": 200, "admin": 200},
        data={"position": "2"},
        headers=HTMX_STEPS,
    ),
    Case(
        "add question",
        "POST",
        "/lernpfade/{path}/schritte/{quiz}/fragen",
        AUTHOR_OR_ADMIN_POST,
        data={
            "question-text": "Noch eine Frage?",
            "question-option_1": "Ja",
            "question-correct_1": "y",
            "question-option_2": "Nein",
        },
    ),
    Case(
        "remove step",  # the author removes it first, so it is gone for the admin
        "POST",
        "/lernpfade/{path}/schritte/{read}/loeschen",
        {"anonymous": 302, "*": 404, "guide": 303, "admin": 404},
    ),
    Case(
        "remove question",
        "POST",
        "/lernpfade/{path}/schritte/{quiz}/fragen/{question}/loeschen",
        {"anonymous": 302, "*": 404, "guide": 303, "admin": 404},
    ),
    Case(
        "change status", "POST", "/lernpfade/{path}/status", AUTHOR_OR_ADMIN_POST, data={"status": "archived"}
    ),
    Case("preview", "POST", "/lernpfade/vorschau", EDITORS, data={"summary": "**x**"}),
    Case(
        "practice inbox",
        "GET",
        "/lernpfade/praxisnachweise",
        {"anonymous": 302, "*": 403, "guide": 200, "other_guide": 200},
    ),
    Case(
        "confirm practice of someone outside my units",
        "POST",
        "/lernpfade/praxisnachweise/{practice}",
        {"anonymous": 302, "*": 404, "guide": 303},
        data={"confirm": "1"},
    ),
    Case("assign form", "GET", "/lernpfade/{path}/zuweisen", LEADERS),
    Case(
        "assign a unit",
        "POST",
        "/lernpfade/{path}/zuweisen",
        {"anonymous": 302, "*": 403, "leader": 303, "other_leader": 422},
        data={"unit_id": "{a32}", "due_on": "{due}"},
    ),
    Case(
        "assign a draft",
        "GET",
        "/lernpfade/{draft}/zuweisen",
        {"anonymous": 302, "*": 404, "guide": 403, "admin": 403},
    ),
    Case("unit report", "GET", "/lernpfade/bericht", LEADERS),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_training_matrix(case, actors, check_case):
    builder = PathBuilder()
    guide, staff = actors["guide"], actors["staff"]
    path = builder.path(author=guide, kinds=("read", "quiz", "session", "practice"), sequential=False)
    draft = builder.path(author=guide, kinds=("session",), status="draft", title="Entwurf")
    short = builder.path(author=guide, kinds=("read",), title="Kurz")
    enrolment = learning.enrol(staff, path)
    practice = learning.request_practice(staff, enrolment, path.steps[3], "")
    done = learning.enrol(staff, short)
    learning.complete_step(staff, done, short.steps[0])
    db.session.commit()
    ids = {
        "path": path.id,
        "draft": draft.id,
        "read": path.steps[0].id,
        "quiz": path.steps[1].id,
        "session": path.steps[2].id,
        "draft_step": draft.steps[0].id,
        "done_enrolment": done.id,
        "practice": practice.id,
        "practice_step": path.steps[3].id,
        "question": path.steps[1].questions[0].id,
        "a32": actors.tree["a32"].id,
        "due": (clock.local_today() + timedelta(days=30)).isoformat(),
    }
    # A copy: the module-level case is shared by both databases' runs.
    case = replace(case, data={key: value.format(**ids) for key, value in case.data.items()})
    assert check_case(case, actors, ids) == []
