"""Degrade, don't fail (issue 22): a neighbour that is down costs its feature, not the site."""

import socket
import time

import pytest
from flask import url_for

from intranet.extensions import limiter
from tests.factories import PASSWORD


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def reset_limiter():
    yield
    limiter._storage_dead = False  # the extension is one object for every app in the session
    limiter.enabled = False


def test_redis_down_keeps_the_same_sign_in_limits_per_process(make_app, factory, reset_limiter):
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{_closed_port()}/0",
        LOTSE_LOGIN_LIMIT="3 per minute",
    )
    user = factory.user()
    client = app.test_client()
    with app.test_request_context():
        login_url = url_for("auth.login")
    started = time.monotonic()
    wrong = [
        client.post(login_url, data={"email": user.email, "password": "falsch"}).status_code for _ in range(4)
    ]
    assert wrong == [422, 422, 422, 429]  # never a 500, never unlimited
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.2.0.2"
    assert other.post(login_url, data={"email": user.email, "password": PASSWORD}).status_code == 303
    assert time.monotonic() - started < 5


def test_relay_down_keeps_the_mail_and_the_admin_sees_the_queue_without_content(
    app, factory, client, login_as, monkeypatch
):
    from flask_babel import lazy_gettext as _l

    from intranet.extensions import db
    from intranet.notify import services

    recipient = factory.user(email="geheim.empfaenger@test.example", email_preference="immediately")
    admin = factory.admin()
    services.notify([recipient], "test", _l("Vertraulicher Betreff"), "/")
    services.notify([recipient], "test", _l("Zweiter Betreff"), "/")
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _closed_port())
    assert services.deliver_outbox() == 0

    login_as(admin)
    with app.test_request_context():
        page_url = url_for("admin.outbox")
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="outbox-retrying">2<' in html and 'id="outbox-due">0<' in html
    assert "Letzter Fehler" in html
    assert "Vertraulicher Betreff" not in html and "geheim.empfaenger" not in html
