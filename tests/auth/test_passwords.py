"""Password change and reset; Argon2id hashes."""

import re

from intranet.auth.models import User
from intranet.extensions import db
from intranet.notify.services import deliver_outbox
from tests.factories import PASSWORD

NEW = "ein-ganz-neues-passwort"


def test_passwords_are_hashed_with_argon2id(factory):
    user = factory.user()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_change_password_ends_other_sessions_but_keeps_this_one(app, factory, login_as):
    user = factory.user()
    this_device = login_as(user, app.test_client())
    other_device = login_as(user, app.test_client())
    response = this_device.post(
        "/konto/passwort", data={"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    )
    assert response.status_code == 303
    assert this_device.get("/").status_code == 200
    assert other_device.get("/").status_code == 302
    fresh = app.test_client()
    assert fresh.post("/konto/anmelden", data={"email": user.email, "password": NEW}).status_code == 303


def test_change_password_errors_keep_input(client, factory, login_as):
    login_as(factory.user())
    response = client.post(
        "/konto/passwort", data={"current_password": "falsch", "new_password": NEW, "confirm": NEW}
    )
    assert response.status_code == 422
    assert "Das aktuelle Passwort ist nicht richtig." in response.get_data(as_text=True)
    response = client.post(
        "/konto/passwort", data={"current_password": PASSWORD, "new_password": "kurz", "confirm": "kurz"}
    )
    assert "mindestens 10 Zeichen" in response.get_data(as_text=True)
    response = client.post(
        "/konto/passwort", data={"current_password": PASSWORD, "new_password": NEW, "confirm": NEW + "x"}
    )
    assert "stimmen nicht überein" in response.get_data(as_text=True)


def test_reset_link_by_email_is_single_use(app, client, factory, smtp_server):
    user = factory.user(email="vergesslich@test.example")
    response = client.post("/konto/passwort-vergessen", data={"email": "Vergesslich@test.example"})
    assert response.status_code == 303
    assert deliver_outbox() == 1  # the `mail` job sends it
    assert len(smtp_server.messages) == 1
    body = smtp_server.bodies()[0]
    assert smtp_server.messages[0].rcpt_tos == ["vergesslich@test.example"]
    link = re.search(
        re.escape(app.config["LOTSE_BASE_URL"]) + r"(/konto/passwort-vergessen/\S+)", body
    ).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"new_password": NEW, "confirm": NEW})
    assert response.status_code == 303
    assert client.post("/konto/anmelden", data={"email": user.email, "password": NEW}).status_code == 303
    client.post("/konto/abmelden")
    reused = client.get(link)
    assert reused.status_code == 302  # used once: the link no longer works


def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(client, smtp_server):
    response = client.post(
        "/konto/passwort-vergessen", data={"email": "niemand@test.example"}, follow_redirects=True
    )
    assert "Wenn ein Konto mit dieser Adresse existiert" in response.get_data(as_text=True)
    assert deliver_outbox() == 0
    assert smtp_server.messages == []


def test_forged_reset_token_is_refused(client):
    response = client.get("/konto/passwort-vergessen/nicht-echt", follow_redirects=True)
    assert "ungültig oder abgelaufen" in response.get_data(as_text=True)


def test_expired_reset_token_is_refused(app, client, factory):
    user = factory.user()
    from intranet.auth.services import make_reset_token

    token = make_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        response = client.get(f"/konto/passwort-vergessen/{token}", follow_redirects=True)
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    assert "ungültig oder abgelaufen" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).password_hash == user.password_hash
