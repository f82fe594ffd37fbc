"""The read-only JSON API: token auth, filters, 400s as JSON, and schemathesis against OpenAPI."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from intranet.decisions import engagement, services, tokens
from intranet.extensions import db
from tests.decisions.conftest import decision_data


@pytest.fixture
def api(org, make_decision, app):
    """Two published decisions (one revised), a draft, and the staff member's API token."""
    first = make_decision(title="E-Akte im Amt 32")
    services.update_decision(
        org["leader"],
        first,
        decision_data(org["d2"], [org["a32"]], title="E-Akte im Amt 32 ab März"),
        reason="Datum genannt",
    )
    make_decision(title="Homeoffice-Regelung", requires_acknowledgement=True)
    make_decision(publish=False, title="Geheimer Entwurf")
    engagement.ask_question(org["staff"], first, "Und die Altakten?")
    _token, secret = tokens.create_token(org["staff"], "api", "Skript")
    db.session.commit()
    return {
        "secret": secret,
        "first": first,
        "client": app.test_client(),
        "headers": {"Authorization": f"Bearer {secret}"},
    }


def test_list_and_detail_with_revisions(api):
    client, headers = api["client"], api["headers"]
    response = client.get("/api/v1/decisions", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 2
    assert {item["title"] for item in body["items"]} == {"E-Akte im Amt 32 ab März", "Homeoffice-Regelung"}
    detail = client.get(f"/api/v1/decisions/{api['first'].id}", headers=headers).get_json()
    assert [r["reason"] for r in detail["revisions"]] == ["Veröffentlicht", "Datum genannt"]
    assert detail["rationale"] == "Schnellere Bearbeitung und weniger Papier."


def test_filters_and_pagination(api):
    client, headers = api["client"], api["headers"]
    body = client.get("/api/v1/decisions?q=homeoffice&per_page=1", headers=headers).get_json()
    assert body["total"] == 1 and body["items"][0]["title"] == "Homeoffice-Regelung"
    body = client.get("/api/v1/decisions?per_page=1&page=2", headers=headers).get_json()
    assert body["page"] == 2 and len(body["items"]) == 1 and body["pages"] == 2
    assert client.get("/api/v1/decisions?status=draft", headers=headers).get_json()["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "per_page=1000",
        "status=egal",
        "unit=-1",
        "unit=99999999999",
        "effective_from=2026-02-30",
        "effective_to=morgen",
        "q=" + "x" * 201,
        "page=²",
    ],
)
def test_bad_filters_are_400_json(api, query):
    response = api["client"].get(f"/api/v1/decisions?{query}", headers=api["headers"])
    assert response.status_code == 400
    assert response.is_json and response.get_json()["error"]["message"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer falsch"}, {"Authorization": "Basic eDp5"}])
def test_missing_or_wrong_token_is_401_json(api, headers):
    response = api["client"].get("/api/v1/decisions", headers=headers)
    assert response.status_code == 401 and response.is_json
    assert "items" not in response.get_json()


def test_feed_token_is_not_an_api_token_and_revoked_tokens_stop(api, org):
    _token, feed_secret = tokens.create_token(org["staff"], "feed", "Reader")
    db.session.commit()
    client = api["client"]
    assert (
        client.get("/api/v1/decisions", headers={"Authorization": f"Bearer {feed_secret}"}).status_code == 401
    )
    for token in tokens.active_tokens(org["staff"]):
        tokens.revoke_token(org["staff"], token)
    db.session.commit()
    assert client.get("/api/v1/decisions", headers=api["headers"]).status_code == 401


def test_drafts_and_unknown_ids_are_404(api, org):
    client, headers = api["client"], api["headers"]
    draft_id = api["first"].id + 2
    assert client.get(f"/api/v1/decisions/{draft_id}", headers=headers).status_code == 404
    assert client.get("/api/v1/decisions/99999999999999999999", headers=headers).status_code == 404


def test_openapi_document_is_served(api):
    document = api["client"].get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.0")
    assert set(document["paths"]) == {"/decisions", "/decisions/{decision_id}"}


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(api, app):
    """Property-based requests from the OpenAPI document: no 500s, responses match the schema."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 2
    calls = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            def run(case):
                response = case.call(headers=api["headers"])
                calls.append(response.status_code)
                assert response.status_code < 500, case.as_curl_command()
                if mode is GenerationMode.POSITIVE:
                    case.validate_response(response, checks=checks)

            run()
    assert 200 in calls and 400 in calls
