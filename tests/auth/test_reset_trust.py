"""Password reset cannot be poisoned (host, proxy headers) and does not reveal accounts
(issue 11, findings 1 and 2). Every link leaving Lotse is built under LOTSE_BASE_URL."""

import re
import socket

import pytest
from sqlalchemy import func, select

from intranet import create_app
from intranet.config import ConfigError
from intranet.extensions import db
from intranet.notify.models import OutgoingMail
from intranet.notify.services import deliver_outbox

BASE = "https://lotse.kreis.example"
STRONG_SECRET = "s" * 40


def _outbox() -> list[OutgoingMail]:
    return list(db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens there once the probe is closed


def test_request_for_a_foreign_host_is_refused_and_mails_nothing(client, factory):
    factory.user(email="ziel@test.example")
    response = client.post(
        "/konto/passwort-vergessen", data={"email": "ziel@test.example"}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)
    assert _outbox() == []


def test_configured_hosts_are_served(make_app, monkeypatch):
    monkeypatch.setenv("LOTSE_TRUSTED_HOSTS", "lotse, lotse.intern ")
    served = make_app(LOTSE_BASE_URL=BASE)
    client = served.test_client()
    for host in ("lotse.kreis.example", "lotse", "lotse.intern", "localhost", "127.0.0.1:5000"):
        assert client.get("/konto/anmelden", headers={"Host": host}).status_code == 200, host
    assert client.get("/konto/anmelden", headers={"Host": "lotse.kreis.example.evil"}).status_code == 400


def test_reset_link_uses_the_base_url_even_behind_a_proxy_with_forged_forwarded_host(
    make_app, factory, smtp_server
):
    proxied = make_app(LOTSE_BASE_URL=BASE, LOTSE_PROXY_COUNT=1)
    factory.user(email="ziel@test.example")
    response = proxied.test_client().post(
        "/konto/passwort-vergessen",
        data={"email": "ziel@test.example"},
        headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 303
    deliver_outbox()
    body = smtp_server.bodies()[0]
    assert "evil.example" not in body
    assert re.search(rf"{re.escape(BASE)}/konto/passwort-vergessen/\S+", body)


def test_forwarded_host_is_only_trusted_when_configured(make_app):
    proxied = make_app(LOTSE_PROXY_COUNT=1)
    assert proxied.wsgi_app.x_host == 0
    assert proxied.wsgi_app.x_for == 1 and proxied.wsgi_app.x_proto == 1
    assert make_app(LOTSE_PROXY_COUNT=1, LOTSE_PROXY_FORWARDS_HOST=True).wsgi_app.x_host == 1


def test_production_refuses_to_start_without_base_url(monkeypatch):
    monkeypatch.setenv("LOTSE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.delenv("LOTSE_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="LOTSE_BASE_URL"):
        create_app()


def test_production_trusts_only_the_configured_hosts(monkeypatch):
    monkeypatch.setenv("LOTSE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("LOTSE_BASE_URL", BASE)
    monkeypatch.setenv("LOTSE_TRUSTED_HOSTS", "lotse.intern")
    production = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert production.config["TRUSTED_HOSTS"] == ["lotse.kreis.example", "lotse.intern"]


def test_atom_feed_links_use_the_base_url(make_app, org):
    from intranet.decisions import tokens

    _token, secret = tokens.create_token(org.staff, "feed", "Reader")
    db.session.commit()
    served = make_app(LOTSE_BASE_URL=BASE)
    xml = (
        served.test_client().get(f"/decisions/feed/{secret}.atom?unit={org['a32'].id}").get_data(as_text=True)
    )
    links = re.findall(r'href="([^"]+)"', xml)
    assert links and all(link.startswith(BASE + "/") for link in links), links
    assert "localhost" not in xml


def _reset(client, email):
    return client.post("/konto/passwort-vergessen", data={"email": email})


def test_reset_answers_the_same_for_known_and_unknown_addresses_with_the_relay_down(app, client, factory):
    factory.user(email="bekannt@test.example")
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), MAIL_TIMEOUT=2)
    try:
        known = _reset(client, "bekannt@test.example")
        known_page = client.get(known.headers["Location"]).get_data(as_text=True)
        unknown = _reset(client, "niemand@test.example")
        unknown_page = client.get(unknown.headers["Location"]).get_data(as_text=True)
    finally:
        app.config.update(MAIL_BACKEND="console")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert known.get_data() == unknown.get_data()
    assert known_page == unknown_page
    assert "Wenn ein Konto mit dieser Adresse existiert" in known_page
    # The mail waits in the outbox for the `mail` job – no SMTP connection in the request.
    assert [mail.to_address for mail in _outbox()] == ["bekannt@test.example"]
    assert _outbox()[0].sent_at is None


def test_reset_mail_is_delivered_by_the_mail_job_in_the_users_language(client, factory, smtp_server):
    factory.user(email="english@test.example", locale="en")
    assert _reset(client, "english@test.example").status_code == 303
    assert smtp_server.messages == []  # nothing leaves inside the request
    assert deliver_outbox() == 1
    assert smtp_server.parsed()[0]["Subject"] == "Lotse: reset your password"
    assert db.session.scalar(select(func.count(OutgoingMail.id)).where(OutgoingMail.sent_at.is_(None))) == 0
