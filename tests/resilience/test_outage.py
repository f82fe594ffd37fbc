"""A German 503 while the database is away (issue 16, finding 1): a page that renders without
the database, Retry-After, the live region for htmx, what was typed shown again, one log line
per request. PostgreSQL: a port where nothing listens; SQLite: a database file that cannot be
opened."""

import logging
import socket
import time

import pytest
from flask import url_for

from intranet.extensions import db
from tests.factories import PASSWORD


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def outage(make_app, tmp_path):
    """An app whose database is away, of the same kind as the test's."""
    if db.engine.dialect.name == "postgresql":
        url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/lotse"
    else:
        url = f"sqlite:///{tmp_path}"  # a directory: "unable to open database file"
    return make_app(SQLALCHEMY_DATABASE_URI=url)


def _url(app, endpoint, **values):
    with app.test_request_context():
        return url_for(endpoint, **values)


def _assert_german_503(response):
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert "Lotse ist gleich wieder da" in html
    return html


def test_a_signed_in_page_gets_the_german_503(outage, factory, login_as, caplog):
    user = factory.user()
    client = outage.test_client()
    login_as(user, client)
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    response = client.get("/")
    assert time.monotonic() - started < 2
    html = _assert_german_503(response)
    assert user.name not in html  # nothing that needs the database, not even the name
    problems = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(problems) == 1 and problems[0].exc_info is None  # one line, no traceback
    assert "503" in problems[0].getMessage()


def test_an_unknown_page_during_the_outage_is_no_bare_500(outage, factory, login_as):
    client = outage.test_client()
    login_as(factory.user(), client)
    _assert_german_503(client.get("/gibt-es-nicht"))


def test_a_form_post_says_not_saved_and_shows_what_was_typed(outage):
    client = outage.test_client()
    typed = "<b>Meine</b> Adresse & mehr@test.example"
    response = client.post(
        _url(outage, "auth.login"), data={"email": typed, "password": PASSWORD, "csrf_token": "x"}
    )
    html = _assert_german_503(response)
    assert "Ihr Eintrag wurde nicht gespeichert" in html
    assert "&lt;b&gt;Meine&lt;/b&gt; Adresse &amp; mehr@test.example" in html  # shown, escaped
    assert "<b>Meine</b>" not in html
    assert PASSWORD not in html  # secrets are never shown back


def test_htmx_gets_the_message_in_the_live_region(outage, factory, login_as):
    client = outage.test_client()
    login_as(factory.user(), client)
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.headers["HX-Retarget"] == "#flash-region"
    assert "Lotse ist gleich wieder da" in response.get_data(as_text=True)


def test_the_health_check_still_says_503_in_json(outage):
    response = outage.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "error"
