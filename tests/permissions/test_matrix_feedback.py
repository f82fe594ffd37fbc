"""Feedback routes × roles. Posts are readable by all staff by design; what must not leak is
a hidden post's content (tombstone only, tested in tests/feedback) and an anonymous post's
author (no reference stored at all). Leadership answers only for its own units."""

from dataclasses import replace

import pytest

from intranet.extensions import db
from intranet.feedback import moderation, services
from tests.feedback.conftest import idea
from tests.permissions.conftest import Case

SIGNED_IN = {"anonymous": 302, "*": 200}
ADMIN_ONLY = {"anonymous": 302, "*": 403, "admin": 200}
# leader leads Dezernat 2 (Amt 32 and its SGs); other_leader leads Dezernat 1 (Amt 10).
ANSWER_D2 = {"anonymous": 302, "*": 403, "leader": 200, "admin": 200}
ANSWER_D1 = {"anonymous": 302, "*": 403, "other_leader": 200, "admin": 200}
HTMX = {"HX-Request": "true"}

CASES = [
    Case("board", "GET", "/feedback/", SIGNED_IN),
    Case(
        "board partial",
        "GET",
        "/feedback/?kind=idea",
        {"anonymous": 401, "*": 200},
        headers={**HTMX, "HX-Target": "feedback-results"},
    ),
    Case("choose kind", "GET", "/feedback/neu", SIGNED_IN),
    Case("post form", "GET", "/feedback/neu?art=lesson", SIGNED_IN),
    Case(
        "post form with errors",
        "POST",
        "/feedback/neu",
        {"anonymous": 302, "*": 422},
        data={"kind": "idea", "identity": "named"},
    ),
    Case("post", "GET", "/feedback/{post}", SIGNED_IN),
    Case("missing post", "GET", "/feedback/123", {"anonymous": 302, "*": 404}),
    Case("hidden post (tombstone)", "GET", "/feedback/{hidden}", SIGNED_IN),
    Case("anonymous post", "GET", "/feedback/{anonymous_post}", SIGNED_IN),
    Case("secret form", "GET", "/feedback/anonym", SIGNED_IN),
    Case(
        "forged secret", "POST", "/feedback/anonym", {"anonymous": 302, "*": 422}, data={"secret": "geraten"}
    ),
    Case("status of a D2 post", "GET", "/feedback/{post}/status", ANSWER_D2),
    Case("status of a D1 post", "GET", "/feedback/{d1_post}/status", ANSWER_D1),
    Case("status of a post without unit", "GET", "/feedback/{no_unit}/status", ADMIN_ONLY),
    Case(
        "status without reason",
        "POST",
        "/feedback/{post}/status",
        {"anonymous": 302, "*": 403, "leader": 422, "admin": 422},
        data={"status": "declined", "answer": ""},
    ),
    Case(
        "unlink decision",
        "POST",
        "/feedback/{post}/verknuepfen",
        {"anonymous": 302, "*": 403, "leader": 303, "admin": 303},
        data={"decision_id": ""},
    ),
    Case("moderation queue", "GET", "/feedback/moderation", ADMIN_ONLY),
    Case("hide form", "GET", "/feedback/{post}/ausblenden", ADMIN_ONLY),
    Case(
        "hide without reason",
        "POST",
        "/feedback/{post}/ausblenden",
        {"anonymous": 302, "*": 403, "admin": 422},
        data={"reason": ""},
    ),
    Case("unhide", "POST", "/feedback/{hidden}/einblenden", {"anonymous": 302, "*": 403, "admin": 303}),
    Case(
        "dismiss reports",
        "POST",
        "/feedback/{post}/meldungen-erledigt",
        {"anonymous": 302, "*": 403, "admin": 303},
    ),
    Case("report form", "GET", "/feedback/{post}/melden", SIGNED_IN),
    Case("report a hidden post", "GET", "/feedback/{hidden}/melden", {"anonymous": 302, "*": 403}),
    Case("follow", "POST", "/feedback/{post}/folgen", {"anonymous": 302, "*": 303}),
    Case("follow a hidden post", "POST", "/feedback/{hidden}/folgen", {"anonymous": 302, "*": 403}),
    Case(
        "support",
        "POST",
        "/feedback/unterstuetzen",
        {"anonymous": 302, "*": 303},
        data={"post_id": "{post}", "action": "support"},
    ),
    Case(
        "support partial",
        "POST",
        "/feedback/unterstuetzen",
        {"anonymous": 401, "*": 200},
        data={"post_id": "{post}", "action": "anonymous"},
        headers={**HTMX, "HX-Target": "support-{post}"},
    ),
    Case(
        "support a missing post",
        "POST",
        "/feedback/unterstuetzen",
        {"anonymous": 302, "*": 404},
        data={"post_id": "123", "action": "support"},
    ),
    Case(
        "comment",
        "POST",
        "/feedback/kommentieren",
        {"anonymous": 302, "*": 303},
        data={"post_id": "{post}", "body": "Gute Idee"},
    ),
    Case(
        "comment partial",
        "POST",
        "/feedback/kommentieren",
        {"anonymous": 401, "*": 200},
        data={"post_id": "{post}", "body": "Gute Idee"},
        headers={**HTMX, "HX-Target": "comments"},
    ),
    Case(
        "comment on a hidden post",
        "POST",
        "/feedback/kommentieren",
        {"anonymous": 302, "*": 422},
        data={"post_id": "{hidden}", "body": "Trotzdem"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_feedback_matrix(case, actors, check_case, app):
    tree, author = actors.tree, actors["staff"]
    post = services.create_named_post(author, idea(unit_id=tree["sg321"].id))
    d1_post = services.create_named_post(author, idea(unit_id=tree["a10"].id))
    no_unit = services.create_named_post(author, idea())
    hidden = services.create_named_post(author, idea(title="Versteckt"))
    anonymous_post, _secret = services.create_anonymous_post(idea(title="Anonym"))
    moderation.hide_post(actors["admin"], hidden, "Regelverstoß")
    db.session.commit()
    ids = {
        "post": post.id,
        "d1_post": d1_post.id,
        "no_unit": no_unit.id,
        "hidden": hidden.id,
        "anonymous_post": anonymous_post.id,
    }
    filled = replace(
        case,
        data={key: value.format(**ids) for key, value in case.data.items()},
        headers={key: value.format(**ids) for key, value in case.headers.items()},
    )
    assert check_case(filled, actors, ids) == []
