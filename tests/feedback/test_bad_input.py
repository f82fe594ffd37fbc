"""Hostile input on every route of the board: huge page numbers and ids, NUL bytes and
60,000-character values in every field of every form – never a 500, nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.models import (
    FeedbackComment,
    FeedbackFollow,
    FeedbackPost,
    FeedbackReport,
    FeedbackStatusChange,
    FeedbackSupport,
)
from tests.feedback.conftest import idea

HUGE_PAGE = "99999999999999999999"
LONG = "x" * 60_000
LONG_NUMBER = "9" * 60_000
HTMX = {"HX-Request": "true"}

# Every form of the board with every one of its fields (the ids are filled in per test).
FORMS = {
    "/feedback/neu": (
        "kind",
        "title",
        "body",
        "what_happened",
        "what_helped",
        "what_learned",
        "what_prevents",
        "identity",
        "unit_id",
        "topic_id",
    ),
    "/feedback/kommentieren": ("post_id", "body", "anonymous"),
    "/feedback/unterstuetzen": ("post_id", "action"),
    "/feedback/anonym": ("secret", "body"),
    "/feedback/{post}/status": ("status", "answer"),
    "/feedback/{post}/verknuepfen": ("decision_id", "pilot_id"),
    "/feedback/{post}/ausblenden": ("reason",),
    "/feedback/{post}/melden": ("reason",),
}
VALID = {
    "kind": "idea",
    "title": "Eine Überschrift",
    "body": "Ein Text",
    "what_happened": "",
    "what_helped": "",
    "what_learned": "",
    "what_prevents": "",
    "identity": "named",
    "unit_id": "0",
    "topic_id": "0",
    "anonymous": "",
    "action": "support",
    "secret": "",
    "status": "seen",
    "answer": "",
    "decision_id": "",
    "pilot_id": "",
    "reason": "Grund",
}


def _stored() -> dict[str, int]:
    """How many rows every table the board writes to holds (the audit log included)."""
    models = (
        FeedbackPost,
        FeedbackComment,
        FeedbackSupport,
        FeedbackFollow,
        FeedbackReport,
        FeedbackStatusChange,
        AuditEntry,
    )
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in models}


@pytest.fixture
def post(make_post):
    return make_post(idea(title="Unberührt", body="Unverändert"))


def _snapshot(post) -> tuple:
    db.session.expire_all()
    fresh = db.session.get(FeedbackPost, post.id)
    return (
        _stored(),
        fresh.title,
        fresh.body,
        fresh.status,
        fresh.is_hidden,
        fresh.linked_decision_id,
        fresh.linked_pilot_id,
        fresh.support_count,
        fresh.comment_count,
    )


@pytest.mark.parametrize("path", list(FORMS))
@pytest.mark.parametrize("value", [LONG, LONG_NUMBER], ids=["text", "digits"])
def test_sixty_thousand_characters_in_every_field_store_nothing(client, login_as, org, post, path, value):
    login_as(org.admin)
    url = path.format(post=post.id)
    before = _snapshot(post)
    for name in FORMS[path]:
        data = {key: VALID[key] for key in FORMS[path] if key in VALID}
        data["post_id"] = str(post.id)
        data[name] = value
        if name == "anonymous":  # any value ticks a checkbox: the long text goes with it
            data["body"] = value
        for headers in ({}, HTMX):
            response = client.post(url, data=data, headers=headers)
            # 303/204: support answers every refusal with a redirect and a flash message.
            assert response.status_code in (200, 204, 303, 404, 422), (url, name, response.status_code)
    assert _snapshot(post) == before


def test_nul_bytes_are_dropped_not_stored(client, login_as, people):
    login_as(people.author)
    response = client.post(
        "/feedback/neu",
        data={
            "kind": "idea",
            "title": "Mit\x00NUL",
            "body": "Text\x00 mit NUL",
            "identity": "named",
            "unit_id": "0",
            "topic_id": "0\x00",
        },
    )
    assert response.status_code == 303
    stored = db.session.scalar(select(FeedbackPost))
    assert (stored.title, stored.body, stored.topic_id) == ("MitNUL", "Text mit NUL", None)
    comment = client.post("/feedback/kommentieren", data={"post_id": f"{stored.id}\x00", "body": "\x00"})
    assert comment.status_code == 422
    assert client.get("/feedback/?kind=\x00idea&status=\x00&unit=\x00&topic=\x00").status_code == 200


@pytest.mark.parametrize(
    "query", ["", "?sort=support", "?kind=idea&mine=y", "?status=new", "?unit=1&topic=1"]
)
def test_huge_page_number_on_the_board_shows_the_last_page(
    client, login_as, app, make_post, people, query, monkeypatch
):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 2)
    for number in range(3):
        make_post(idea(title=f"Idee Nummer {number}"))
    login_as(people.staff[1])
    joiner = "&" if query else "?"
    for page in (HUGE_PAGE, "5", "-3", "abc"):
        for headers in ({}, {**HTMX, "HX-Target": "feedback-results"}):
            response = client.get(f"/feedback/{query}{joiner}page={page}", headers=headers)
            assert response.status_code == 200, (query, page)
    text = client.get(f"/feedback/?page={HUGE_PAGE}").get_data(as_text=True)
    assert text.count('<li class="feedback-card') == 1  # the last page of three posts, two a page


def test_huge_page_number_and_page_size_of_the_moderation_queue(
    client, login_as, app, org, make_post, people, monkeypatch
):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 2)
    for number in range(3):
        moderation.report_post(people.staff[1], make_post(idea(title=f"Gemeldet {number}")), "Unsachlich")
    db.session.commit()
    login_as(org.admin)
    first = client.get("/feedback/moderation").get_data(as_text=True)
    assert sum(first.count(f"Gemeldet {number}") > 0 for number in range(3)) == 2  # LOTSE_PER_PAGE
    for page in (HUGE_PAGE, "7"):
        response = client.get(f"/feedback/moderation?page={page}")
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert sum(text.count(f"Gemeldet {number}") > 0 for number in range(3)) == 1  # the last page


@pytest.mark.parametrize("post_id", [str(2**31), str(2**40), HUGE_PAGE])
def test_ids_above_31_bits_are_404_on_every_route(client, login_as, org, post_id):
    login_as(org.admin)
    for path in ("", "/status", "/melden", "/ausblenden"):
        assert client.get(f"/feedback/{post_id}{path}").status_code == 404
    for path in (
        "/status",
        "/verknuepfen",
        "/ausblenden",
        "/einblenden",
        "/meldungen-erledigt",
        "/folgen",
        "/melden",
    ):
        assert client.post(f"/feedback/{post_id}{path}", data={"reason": "x"}).status_code == 404
    for path in ("/feedback/kommentieren", "/feedback/unterstuetzen"):
        assert (
            client.post(path, data={"post_id": post_id, "body": "x", "action": "support"}).status_code == 404
        )


@pytest.mark.parametrize("field", ["decision_id", "pilot_id"])
@pytest.mark.parametrize("value", [str(2**31), str(2**40), HUGE_PAGE, "-1", "0"])
def test_linking_to_an_id_out_of_range_is_a_field_error(client, login_as, org, post, field, value):
    login_as(org.admin)
    response = client.post(f"/feedback/{post.id}/verknuepfen", data={field: value})
    assert response.status_code == 422, response.status_code
    db.session.refresh(post)
    assert (post.linked_decision_id, post.linked_pilot_id) == (None, None)


def test_secret_of_sixty_thousand_characters_is_refused(client, login_as, people):
    _post, secret = services.create_anonymous_post(idea())
    db.session.commit()
    login_as(people.author)
    response = client.post("/feedback/anonym", data={"secret": secret + LONG})
    assert response.status_code == 422 and "Höchstens 200 Zeichen." in response.get_data(as_text=True)
