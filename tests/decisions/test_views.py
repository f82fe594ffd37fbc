"""The register's pages through the app: forms, htmx partials, bad input, query counts."""

from datetime import date

import pytest
from sqlalchemy import func, select

from intranet.decisions import engagement, services, tokens
from intranet.decisions.models import Decision, DecisionRevision, DecisionToken
from intranet.extensions import db
from tests.charts_check import check_charts
from tests.decisions.conftest import decision_data

HTMX = {"HX-Request": "true"}


def _form(org, **overrides):
    data = {
        "title": "Videokonferenzen statt Dienstreisen bis 100 km",
        "unit_id": org["d2"].id,
        "summary": "Besprechungen bis 100 km finden per Video statt.",
        "context": "Viele kurze Dienstreisen.",
        "decision_text": "Video vor Reise.",
        "rationale": "Zeit und Kosten sparen.",
        "consequences": "Mehr Headsets.",
        "affected_unit_ids": [org["a32"].id],
        "decided_on": "2026-11-01",
        "effective_date": "2027-01-01",
        "decided_by": "Dezernatsleitung",
        "consulted": "Personalrat",
        "works_council_involved": "y",
        "topic_id": "0",
        "alternatives-0-title": "Alles wie bisher",
        "alternatives-0-why_not": "Zu teuer",
        "publish": "1",
    }
    data.update(overrides)
    return data


def test_leader_publishes_through_the_form(client, login_as, org):
    login_as(org["leader"])
    assert client.get("/decisions/new").status_code == 200
    response = client.post("/decisions/new", data=_form(org))
    assert response.status_code == 303
    decision = db.session.scalar(select(Decision))
    assert response.headers["Location"].endswith(f"/decisions/{decision.id}")
    assert decision.status == "decided" and decision.works_council_involved
    assert [a.title for a in decision.alternatives] == ["Alles wie bisher"]
    page = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "Videokonferenzen statt Dienstreisen" in page and "Zu teuer" in page


def test_publish_without_rationale_keeps_input_and_says_why(client, login_as, org):
    login_as(org["leader"])
    response = client.post("/decisions/new", data=_form(org, rationale=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Bitte begründen Sie die Entscheidung." in html
    assert "Besprechungen bis 100 km finden per Video statt." in html
    assert 'id="rationale"' in html and 'aria-invalid="true"' in html
    assert db.session.scalar(select(func.count(Decision.id))) == 0


def test_publish_without_affected_unit_is_refused(client, login_as, org):
    login_as(org["leader"])
    data = _form(org)
    data.pop("affected_unit_ids")
    response = client.post("/decisions/new", data=data)
    assert response.status_code == 422
    assert "mindestens eine betroffene Einheit" in response.get_data(as_text=True)


def test_effective_date_before_decision_date_needs_confirmation(client, login_as, org):
    login_as(org["leader"])
    response = client.post("/decisions/new", data=_form(org, effective_date="2026-10-01"))
    assert response.status_code == 422
    assert "bestätigen Sie es ausdrücklich" in response.get_data(as_text=True)
    response = client.post(
        "/decisions/new", data=_form(org, effective_date="2026-10-01", confirm_early_effective="y")
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": "x" * 201},
        {"summary": "x" * 20001},
        {"decided_on": "31.02.2026"},
        {"unit_id": "99999999999999999999"},
        {"unit_id": "abc"},
        {"topic_id": "99999999999"},
        {"affected_unit_ids": ["99999999999999"]},
        {"alternatives-0-title": "x" * 201},
        {"alternatives-99999999999999999999-title": "x", "title": ""},
        {**{f"alternatives-{n}-title": "Option" for n in range(40)}, "title": ""},
    ],
)
def test_bad_input_is_a_field_error_not_a_crash(client, login_as, org, overrides):
    login_as(org["leader"])
    response = client.post("/decisions/new", data=_form(org, **overrides))
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)


def test_draft_is_saved_without_all_fields(client, login_as, org):
    login_as(org["leader"])
    response = client.post(
        "/decisions/new", data={"title": "Homeoffice-Regelung", "unit_id": org["d2"].id, "save": "1"}
    )
    assert response.status_code == 303
    assert db.session.scalar(select(Decision)).status == "draft"


def test_editing_published_decision_without_reason_fails_and_keeps_input(
    client, login_as, org, make_decision
):
    decision = make_decision()
    login_as(org["leader"])
    form = _form(org, title="Neuer Titel", reason="")
    form.pop("publish")
    response = client.post(f"/decisions/{decision.id}/edit", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "warum Sie die Entscheidung ändern" in html and "Neuer Titel" in html
    form["reason"] = "Titel klarer"
    form["is_substantive"] = "y"
    assert client.post(f"/decisions/{decision.id}/edit", data=form).status_code == 303
    assert db.session.scalar(select(func.max(DecisionRevision.number))) == 2


def test_history_and_readable_diff(client, login_as, org, make_decision):
    decision = make_decision()
    services.update_decision(
        org["leader"],
        decision,
        decision_data(org["d2"], [org["a32"]], title="E-Akte ab April"),
        reason="Verschoben",
    )
    db.session.commit()
    login_as(org["staff"])
    history = client.get(f"/decisions/{decision.id}/history").get_data(as_text=True)
    assert "Verschoben" in history and "Version 2" in history
    response = client.get(f"/decisions/{decision.id}/diff?from=1&to=2")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<del>" in html and "<ins>" in html and "gestrichen:" in html
    assert client.get(f"/decisions/{decision.id}/diff?from=1&to=9").status_code == 404
    assert client.get(f"/decisions/{decision.id}/diff?from=a&to=2").status_code == 400


def test_status_page_supersedes_and_refuses_self(client, login_as, org, make_decision):
    old, new = make_decision(title="Alt"), make_decision(title="Neu")
    login_as(org["leader"])
    assert client.get(f"/decisions/{old.id}/status").status_code == 200
    response = client.post(
        f"/decisions/{old.id}/status", data={"status": "superseded", "successor_id": old.id, "reason": "x"}
    )
    assert response.status_code == 422
    assert "nicht selbst ersetzen" in response.get_data(as_text=True)
    response = client.post(
        f"/decisions/{old.id}/status",
        data={"status": "superseded", "successor_id": new.id, "reason": "Neue Regelung"},
    )
    assert response.status_code == 303
    assert "ersetzt durch" in client.get(f"/decisions/{old.id}").get_data(as_text=True)
    assert "Diese Entscheidung ersetzt" in client.get(f"/decisions/{new.id}").get_data(as_text=True)


def test_register_filters_and_htmx_partial(client, login_as, org, make_decision, factory):
    topic = factory.topic("E-Akte")
    make_decision(title="E-Akte kommt", topic_id=topic.id)
    make_decision(title="Kantine", affected=[org["a32"]])
    make_decision(publish=False, title="Geheimer Entwurf")
    login_as(org["staff"])
    page = client.get("/decisions/").get_data(as_text=True)
    assert "E-Akte kommt" in page and "Kantine" in page and "Geheimer Entwurf" not in page
    partial = client.get(f"/decisions/?topic={topic.id}", headers={**HTMX, "HX-Target": "decision-results"})
    html = partial.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="decision-results">')
    assert "E-Akte kommt" in html and "Kantine" not in html
    assert "Kantine" in client.get("/decisions/?q=kANTINE").get_data(as_text=True)
    assert "1 Entscheidung gefunden" in client.get("/decisions/?mine=y&q=Kantine").get_data(as_text=True)


def test_bad_filters_are_field_errors(client, login_as, org):
    login_as(org["staff"])
    for query in ("unit=999999999999", "topic=abc", "date_from=2026-13-01", "page=abc", "q=" + "x" * 300):
        response = client.get(f"/decisions/?{query}")
        assert response.status_code in (200, 422), query
    assert client.get("/decisions/?unit=999999999999").status_code == 422


def test_follow_and_acknowledge_via_htmx_and_plain(client, login_as, org, make_decision):
    decision = make_decision(requires_acknowledgement=True)
    login_as(org["staff"])
    response = client.post(
        f"/decisions/{decision.id}/follow",
        data={"follow": "1"},
        headers={**HTMX, "HX-Target": "follow-region"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nicht mehr folgen" in html
    assert "hx-swap-oob" in html  # the status message rides along into the live region
    assert client.post(f"/decisions/{decision.id}/follow", data={"follow": "0"}).status_code == 303
    assert not engagement.is_following(org["staff"], decision)
    response = client.post(
        f"/decisions/{decision.id}/acknowledge", headers={**HTMX, "HX-Target": "ack-region"}
    )
    assert "zur Kenntnis genommen" in response.get_data(as_text=True)
    assert engagement.has_acknowledged(org["staff"], decision)


def test_ask_and_answer_through_the_page(client, login_as, org, make_decision):
    decision = make_decision()
    login_as(org["staff"])
    response = client.post(f"/decisions/{decision.id}/questions", data={"body": ""})
    assert response.status_code == 422
    response = client.post(
        f"/decisions/{decision.id}/questions", data={"body": "Gilt das auch für Teilzeit?"}
    )
    assert response.status_code == 303 and "#frage-" in response.headers["Location"]
    question_id = int(response.headers["Location"].rsplit("-", 1)[1])
    assert (
        client.post(
            f"/decisions/{decision.id}/questions/{question_id}/answer", data={"answer": "Ich?"}
        ).status_code
        == 403
    )
    login_as(org["leader"])
    response = client.post(
        f"/decisions/{decision.id}/questions/{question_id}/answer", data={"answer": "x" * 4001}
    )
    assert response.status_code == 422 and "Höchstens 4000 Zeichen" in response.get_data(as_text=True)
    client.post(f"/decisions/{decision.id}/questions/{question_id}/answer", data={"answer": "Ja, für alle."})
    assert "Ja, für alle." in client.get(f"/decisions/{decision.id}").get_data(as_text=True)


def test_leader_sees_aggregates_staff_does_not(client, login_as, org, make_decision, factory):
    for _ in range(5):
        factory.user(unit=org["sg321"])
    decision = make_decision(requires_acknowledgement=True, affected=[org["sg321"]])
    login_as(org["leader"])
    html = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "Kenntnisnahme nach Einheiten" in html and "0 von 6" in html
    login_as(org["staff"])
    assert "Kenntnisnahme nach Einheiten" not in client.get(f"/decisions/{decision.id}").get_data(
        as_text=True
    )


def test_timeline_shows_upcoming_and_recent(client, login_as, org, make_decision):
    make_decision(title="Kommt bald", effective_date=date(2099, 1, 1))
    make_decision(title="Lange her", effective_date=date(2000, 1, 1), decided_on=date(1999, 1, 1))
    login_as(org["staff"])
    html = client.get("/decisions/timeline").get_data(as_text=True)
    assert "Kommt bald" in html and "Lange her" not in html


def test_tokens_feed_and_calendar(client, login_as, org, make_decision, app):
    make_decision(title="Feed-Entscheidung")
    login_as(org["staff"])
    response = client.post("/decisions/tokens", data={"kind": "feed", "label": "Reader"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "nur jetzt angezeigt" in html
    feed_url = html.split("/decisions/feed/", 1)[1].split("<", 1)[0]
    secret = feed_url.split(".atom")[0]
    anonymous = app.test_client()
    feed = anonymous.get(f"/decisions/feed/{secret}.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert b"Feed-Entscheidung" in feed.data
    ics = anonymous.get(f"/decisions/feed/{secret}/calendar.ics")
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.data
    assert anonymous.get(f"/decisions/feed/{secret}.atom?unit=abc").status_code == 400
    assert anonymous.get("/decisions/feed/falsch.atom").status_code == 401
    assert client.post("/decisions/tokens/999999/revoke").status_code == 404
    token_id = db.session.scalar(select(DecisionToken.id))
    assert client.post(f"/decisions/tokens/{token_id}/revoke").status_code == 303
    revoked = anonymous.get(f"/decisions/feed/{secret}.atom")
    assert revoked.status_code == 401 and b"Feed-Entscheidung" not in revoked.data


def test_home_panel_shows_new_and_pending(client, login_as, org, make_decision):
    make_decision(title="Bitte lesen", requires_acknowledgement=True)
    login_as(org["staff"])
    html = client.get("/").get_data(as_text=True)
    assert "Entscheidungen für Ihre Einheit" in html and "Bitte zur Kenntnis nehmen" in html


def _seed_register(org, make_decision, factory, count):
    topic = factory.topic()
    for index in range(count):
        decision = make_decision(
            title=f"Entscheidung {index}", topic_id=topic.id, requires_acknowledgement=index % 2 == 0
        )
        services.update_decision(
            org["leader"],
            decision,
            decision_data(org["d2"], [org["a32"]], title=f"Entscheidung {index} neu"),
            reason="Neu",
        )
    db.session.commit()


@pytest.mark.parametrize("path", ["/decisions/", "/decisions/timeline", "/decisions/?mine=y", "/"])
def test_query_count_does_not_grow_with_data(
    client, login_as, org, make_decision, factory, count_queries, path
):
    login_as(org["staff"])
    _seed_register(org, make_decision, factory, 3)
    with count_queries() as small:
        assert client.get(path).status_code == 200
    _seed_register(org, make_decision, factory, 30)
    with count_queries() as large:
        assert client.get(path).status_code == 200
    assert large.count == small.count


def test_decision_page_queries_are_constant_with_30_revisions_and_100_questions(
    client, login_as, org, make_decision, factory, count_queries
):
    decision = make_decision(requires_acknowledgement=True)
    url = f"/decisions/{decision.id}"
    login_as(org["leader"])
    with count_queries() as small:
        client.get(url)
    askers = [factory.user(unit=org["sg321"]) for _ in range(10)]
    for index in range(100):
        question = engagement.ask_question(askers[index % 10], decision, f"Frage {index}")
        if index % 2:
            engagement.answer_question(org["leader"], question, "Antwort")
    for index in range(29):
        services.update_decision(
            org["leader"],
            decision,
            decision_data(org["d2"], [org["a32"]], title=f"Titel {index}", requires_acknowledgement=True),
            reason=f"Änderung {index}",
        )
    db.session.commit()
    with count_queries() as large:
        html = client.get(url).get_data(as_text=True)
    assert "Frage 99" in html and "Verlauf (30 Versionen)" in html
    assert large.count == small.count
    with count_queries() as history:
        client.get(f"{url}/history")
    assert history.count <= small.count


def test_dates_may_be_typed_the_german_way(client, login_as, org):
    login_as(org["leader"])
    response = client.post(
        "/decisions/new", data=_form(org, decided_on="01.11.2026", effective_date="1.1.2027")
    )
    assert response.status_code == 303
    assert db.session.scalar(select(Decision.effective_date)) == date(2027, 1, 1)


def test_pages_render_in_english_too(client, login_as, org, make_decision, factory):
    decision = make_decision(requires_acknowledgement=True)
    english = factory.user(unit=org["sg321"], locale="en", roles=[("leadership", org["d2"])])
    login_as(english)
    for path in (
        "/decisions/",
        "/decisions/timeline",
        f"/decisions/{decision.id}",
        f"/decisions/{decision.id}/history",
        f"/decisions/{decision.id}/edit",
        f"/decisions/{decision.id}/status",
        "/decisions/new",
        "/decisions/tokens",
        "/",
    ):
        assert client.get(path).status_code == 200, path


def test_search_finds_every_word_ignoring_case_and_umlauts(client, login_as, org, make_decision):
    make_decision(title="Änderung der Öffnungszeiten im Bürgerbüro")
    make_decision(title="Neue Zeiten für die Kantine")
    login_as(org["staff"])
    for query, expected in (
        ("änderung", 1),
        ("ÖFFNUNGSZEITEN", 1),
        ("zeiten", 2),
        ("zeiten kantine", 1),
        ("100%", 0),
        ("a_b", 0),
    ):
        html = client.get(f"/decisions/?q={query}").get_data(as_text=True)
        label = "Entscheidung gefunden" if expected == 1 else "Entscheidungen gefunden"
        assert f"{expected} {label}" in html, query


def test_feed_and_api_queries_do_not_grow_with_data(app, org, make_decision, factory, count_queries):
    _token, feed = tokens.create_token(org["staff"], "feed", "Reader")
    _token, api = tokens.create_token(org["staff"], "api", "Skript")
    db.session.commit()
    anonymous = app.test_client()
    requests = [
        (f"/decisions/feed/{feed}.atom", {}),
        (f"/decisions/feed/{feed}/calendar.ics", {}),
        ("/api/v1/decisions", {"Authorization": f"Bearer {api}"}),
    ]
    _seed_register(org, make_decision, factory, 3)
    small = []
    for path, headers in requests:
        with count_queries() as counter:
            assert anonymous.get(path, headers=headers).status_code == 200
        small.append(counter.count)
    _seed_register(org, make_decision, factory, 30)
    for (path, headers), before in zip(requests, small, strict=True):
        with count_queries() as counter:
            assert anonymous.get(path, headers=headers).status_code == 200
        assert counter.count == before, path


def test_state_changes_need_the_csrf_token(make_app, login_as, org, make_decision):
    decision = make_decision(requires_acknowledgement=True)
    guarded = make_app(WTF_CSRF_ENABLED=True).test_client()
    login_as(org["staff"], guarded)
    for path in (
        f"/decisions/{decision.id}/acknowledge",
        f"/decisions/{decision.id}/follow",
        f"/decisions/{decision.id}/questions",
        "/decisions/tokens",
    ):
        assert guarded.post(path, data={"body": "x", "label": "x"}).status_code == 400, path
    assert not engagement.has_acknowledged(org["staff"], decision)


def test_superseding_with_another_scopes_draft_does_not_reveal_it(client, login_as, org, make_decision):
    decision = make_decision()
    foreign_draft = make_decision(
        publish=False, leader=org["other_leader"], unit=org["d1"], affected=[org["a10"]]
    )
    login_as(org["leader"])
    response = client.post(
        f"/decisions/{decision.id}/status",
        data={"status": "superseded", "successor_id": foreign_draft.id, "reason": "x"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte wählen Sie die Entscheidung, die diese ersetzt." in html
    assert "veröffentlicht sein" not in html


def test_acknowledgement_chart_has_a_name_and_matches_its_table(
    client, login_as, org, make_decision, factory
):
    """Issue 17: the aggregates per unit are drawn as bars; the table holds the same numbers."""
    for _ in range(5):
        factory.user(unit=org["sg321"])
    decision = make_decision(requires_acknowledgement=True, affected=[org["sg321"]])
    login_as(org["leader"])
    html = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert check_charts(html) == 1
    assert "Zur Kenntnis genommen, je Einheit" in html
