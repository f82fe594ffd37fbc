"""Signing in and out, remember-me, session revocation, safe redirects, throttling."""

import re

import pytest
from sqlalchemy import select

from intranet.audit.models import AuditEntry
from intranet.extensions import db
from tests.factories import PASSWORD

WRONG = "E-Mail-Adresse oder Passwort ist nicht richtig."


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post("/konto/anmelden", data={"email": email, "password": password, **extra})


def test_login_with_correct_password_redirects_home_and_audits(client, factory):
    user = factory.user()
    response = sign_in(client, user.email.upper())
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "login" in actions


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "deactivated"])
def test_failed_logins_share_one_message(client, factory, case):
    user = factory.user(active=case != "deactivated")
    email = "niemand@test.example" if case == "unknown email" else user.email
    password = "falsch" if case == "wrong password" else PASSWORD
    response = sign_in(client, email, password)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert WRONG in html
    assert f'value="{email}"' in html  # the e-mail stays in the form
    assert client.get("/").status_code == 302
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login_failed"))


def test_empty_and_overlong_fields_get_field_errors(client):
    response = sign_in(client, "", "")
    assert response.status_code == 422
    assert response.get_data(as_text=True).count("Bitte füllen Sie dieses Feld aus.") == 2
    response = sign_in(client, "a" * 300 + "@x.de", "x" * 500)
    assert response.status_code == 422
    assert "Höchstens 254 Zeichen." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_next_only_redirects_to_local_paths(client, factory, target):
    user = factory.user()
    response = sign_in(client, user.email, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_next_local_path_is_honoured(client, factory):
    user = factory.user()
    response = sign_in(client, user.email, next="/organisation/?x=1")
    assert response.headers["Location"] == "/organisation/?x=1"


def test_protected_page_redirects_to_login_with_next(client):
    response = client.get("/organisation/")
    assert response.status_code == 302
    assert "/konto/anmelden?next=/organisation/" in response.headers["Location"]


def test_expired_session_during_htmx_request_redirects_whole_page(client):
    response = client.get(
        "/benachrichtigungen/?page=2", headers={"HX-Request": "true", "HX-Target": "notification-list"}
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/konto/anmelden?next=")
    assert "<form" not in response.get_data(as_text=True)


def test_logout_is_post_only_and_revokes_remember_cookie(app, factory):
    user = factory.user()
    first = app.test_client()
    sign_in(first, user.email, remember="y")
    remember_cookie = first.get_cookie("remember_token")
    assert remember_cookie is not None
    stolen = app.test_client()
    stolen.set_cookie("remember_token", remember_cookie.value)
    assert stolen.get("/").status_code == 200  # remember-me works …
    assert first.get("/konto/abmelden").status_code == 405
    assert first.post("/konto/abmelden").status_code == 303
    thief = app.test_client()
    thief.set_cookie("remember_token", remember_cookie.value)
    assert thief.get("/").status_code == 302  # … until logout revokes it everywhere


def test_session_fixation_new_session_on_login(client, factory):
    user = factory.user()
    with client.session_transaction() as session:
        session["planted"] = "by attacker"
    sign_in(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_login_throttling_per_account(make_app, factory):
    throttled = make_app(
        RATELIMIT_ENABLED=True, LOTSE_LOGIN_ACCOUNT_LIMIT="3 per minute", LOTSE_LOGIN_LIMIT="100 per minute"
    )
    user = factory.user()
    client = throttled.test_client()
    statuses = [sign_in(client, user.email, "falsch").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    response = sign_in(client, user.email)  # even the right password waits
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.get_data(as_text=True)


def test_forged_csrf_token_is_refused_with_german_message(make_app, factory):
    strict = make_app(WTF_CSRF_ENABLED=True)
    user = factory.user()
    client = strict.test_client()
    response = client.post(
        "/konto/anmelden", data={"email": user.email, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen oder ungültig" in response.get_data(as_text=True)


def test_csrf_token_in_htmx_header_is_accepted(make_app, factory):
    strict = make_app(WTF_CSRF_ENABLED=True)
    user = factory.user()
    client = strict.test_client()
    page = client.get("/konto/anmelden").get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = client.post(
        "/konto/anmelden",
        data={"email": user.email, "password": PASSWORD},
        headers={"X-CSRFToken": token, "HX-Request": "true", "HX-Boosted": "true"},
    )
    assert response.status_code == 303


def test_deactivation_ends_existing_sessions_at_once(app, factory, login_as):
    user = factory.user()
    admin = factory.admin()
    victim = login_as(user, app.test_client())
    assert victim.get("/").status_code == 200
    admin_client = login_as(admin, app.test_client())
    assert admin_client.post(f"/verwaltung/personen/{user.id}/deaktivieren").status_code == 303
    assert victim.get("/").status_code == 302
