"""Decision register routes × roles, including drafts of another scope and others' tokens (IDOR).

The scenario: the leader of Dezernat 2 owns a published decision for Amt 32 (acknowledgement
required), a draft, and a question by staff; staff has a feed token.
"""

import pytest

from intranet.decisions import engagement, services, tokens
from intranet.extensions import db
from tests.decisions.conftest import decision_data
from tests.permissions.conftest import Case

SIGNED_IN = {"anonymous": 302, "*": 200}
SIGNED_IN_POST = {"anonymous": 302, "*": 303}
LEADER_ONLY = {"anonymous": 302, "*": 403, "leader": 200}
LEADERSHIP = {"anonymous": 302, "*": 403, "leader": 200, "other_leader": 200}
DRAFT_HIDDEN = {"anonymous": 302, "*": 404, "leader": 200}
HX = {"HX-Request": "true"}

CASES = [
    Case("register", "GET", "/decisions/", SIGNED_IN),
    Case(
        "register partial",
        "GET",
        "/decisions/?q=E",
        {"anonymous": 401, "*": 200},
        headers={**HX, "HX-Target": "decision-results"},
    ),
    Case("register as excel", "GET", "/decisions/liste.xlsx?status=decided", SIGNED_IN),
    Case("register as csv", "GET", "/decisions/liste.csv", SIGNED_IN),
    Case("timeline", "GET", "/decisions/timeline", SIGNED_IN),
    Case(
        "timeline partial",
        "GET",
        "/decisions/timeline?mine=y",
        {"anonymous": 401, "*": 200},
        headers={**HX, "HX-Target": "timeline-results"},
    ),
    Case("calendar download", "GET", "/decisions/calendar.ics", SIGNED_IN),
    Case("feed of the signed-in viewer", "GET", "/decisions/feed.atom", SIGNED_IN),
    Case("token page", "GET", "/decisions/tokens", SIGNED_IN),
    Case("new decision form", "GET", "/decisions/new", LEADERSHIP),
    Case("published decision", "GET", "/decisions/{published}", SIGNED_IN),
    Case("unknown decision", "GET", "/decisions/999999", {"anonymous": 302, "*": 404}),
    Case("draft of Dezernat 2", "GET", "/decisions/{draft}", DRAFT_HIDDEN),
    Case("draft history", "GET", "/decisions/{draft}/history", DRAFT_HIDDEN),
    Case("edit draft", "GET", "/decisions/{draft}/edit", DRAFT_HIDDEN),
    Case("edit published", "GET", "/decisions/{published}/edit", LEADER_ONLY),
    Case(
        "edit published POST",
        "POST",
        "/decisions/{published}/edit",
        {"anonymous": 302, "*": 403, "leader": 422},
        data={"title": ""},
    ),
    Case(
        "publish another scope's draft",
        "POST",
        "/decisions/{draft}/publish",
        {"anonymous": 302, "*": 404, "leader": None},
    ),
    Case("publish own draft", "POST", "/decisions/{draft}/publish", {"leader": 303}),
    Case("status form", "GET", "/decisions/{published}/status", LEADER_ONLY),
    Case(
        "status POST",
        "POST",
        "/decisions/{published}/status",
        {"anonymous": 302, "*": 403, "leader": 422},
        data={"status": "nope", "reason": "x"},
    ),
    Case("history", "GET", "/decisions/{published}/history", SIGNED_IN),
    Case("diff", "GET", "/decisions/{published}/diff?from=1&to=1", SIGNED_IN),
    Case("follow", "POST", "/decisions/{published}/follow", SIGNED_IN_POST, data={"follow": "1"}),
    Case(
        "follow partial",
        "POST",
        "/decisions/{published}/follow",
        {"anonymous": 401, "*": 200},
        data={"follow": "1"},
        headers={**HX, "HX-Target": "follow-region"},
    ),
    Case(
        "follow a draft",
        "POST",
        "/decisions/{draft}/follow",
        {"anonymous": 302, "*": 404, "leader": 403},
        data={"follow": "1"},
    ),
    # Affected: Amt 32 and below (staff, other_staff, guide); leaders sit in their Dezernat.
    Case(
        "acknowledge",
        "POST",
        "/decisions/{published}/acknowledge",
        {"anonymous": 302, "*": 403, "staff": 303, "other_staff": 303, "guide": 303},
    ),
    Case(
        "acknowledge partial",
        "POST",
        "/decisions/{published}/acknowledge",
        {"anonymous": 401, "*": 403, "staff": 200, "other_staff": 200, "guide": 200},
        headers={**HX, "HX-Target": "ack-region"},
    ),
    Case("ask", "POST", "/decisions/{published}/questions", SIGNED_IN_POST, data={"body": "Eine Frage"}),
    Case(
        "ask on a draft",
        "POST",
        "/decisions/{draft}/questions",
        {"anonymous": 302, "*": 404, "leader": 403},
        data={"body": "Eine Frage"},
    ),
    Case(
        "answer",
        "POST",
        "/decisions/{published}/questions/{question}/answer",
        {"anonymous": 302, "*": 403, "leader": 303},
        data={"answer": "Antwort"},
    ),
    Case(
        "answer via another decision",
        "POST",
        "/decisions/{other}/questions/{question}/answer",
        {"anonymous": 302, "*": 404},
        data={"answer": "Antwort"},
    ),
    Case(
        "revoke someone else's token",
        "POST",
        "/decisions/tokens/{token}/revoke",
        {"anonymous": 302, "*": 404, "staff": 303},
    ),
    Case("feed with wrong token", "GET", "/decisions/feed/falsch.atom", {"*": 401}),
    Case("feed with staff's token", "GET", "/decisions/feed/{secret}.atom", {"*": 200}),
    Case("api without token (session is not enough)", "GET", "/api/v1/decisions", {"*": 401}),
    Case("openapi document", "GET", "/api/v1/openapi.json", {"*": 200}),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_decisions_matrix(case, actors, check_case):
    tree, leader = actors.tree, actors["leader"]
    published = services.create_decision(
        leader, decision_data(tree["d2"], [tree["a32"]], requires_acknowledgement=True)
    )
    services.publish_decision(leader, published)
    other = services.create_decision(leader, decision_data(tree["d2"], [tree["a32"]]))
    services.publish_decision(leader, other)
    draft = services.create_decision(leader, decision_data(tree["d2"], title="Entwurf"))
    question = engagement.ask_question(actors["staff"], published, "Gilt das für alle?")
    token, secret = tokens.create_token(actors["staff"], "feed", "Reader")
    db.session.commit()
    ids = {
        "published": published.id,
        "other": other.id,
        "draft": draft.id,
        "question": question.id,
        "token": token.id,
        "secret": secret,
    }
    assert check_case(case, actors, ids) == []
