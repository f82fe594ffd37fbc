"""Sign-in throttling: failures only, per source and per account, and nobody can lock the
owner out (issue 11, finding 3); rate-limit keys hold no e-mail or IP address (finding 15)."""

import uuid

import pytest
import redis

from tests.factories import PASSWORD

LIMITS = {"LOTSE_LOGIN_LIMIT": "10 per minute", "LOTSE_LOGIN_ACCOUNT_LIMIT": "5 per 15 minutes"}


def _client(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _sign_in(client, email, password=PASSWORD):
    return client.post("/konto/anmelden", data={"email": email, "password": password}).status_code


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(make_app, factory):
    throttled = make_app(RATELIMIT_ENABLED=True, **LIMITS)
    admin = factory.admin()
    owner = _client(throttled, "10.1.0.10")
    assert _sign_in(owner, admin.email) == 303  # the admin's usual browser
    owner.post("/konto/abmelden")

    attacker = _client(throttled, "10.9.9.9")
    assert [_sign_in(attacker, admin.email, "geraten") for _ in range(6)] == [422] * 5 + [429]
    assert _sign_in(attacker, admin.email) == 429  # even the right password, from there

    assert _sign_in(owner, admin.email) == 303
    # An unknown browser still meets the account's budget, wherever it is.
    assert _sign_in(_client(throttled, "10.1.0.10"), admin.email) == 429


def test_successful_sign_ins_never_count(make_app, factory):
    throttled = make_app(RATELIMIT_ENABLED=True, **LIMITS)
    user = factory.user()
    client = _client(throttled, "10.1.0.11")
    statuses = []
    for _ in range(6):
        statuses.append(_sign_in(client, user.email))
        client.post("/konto/abmelden")
    assert statuses == [303] * 6
    fresh = _client(throttled, "10.1.0.12")  # no device cookie: the account budget is untouched
    assert _sign_in(fresh, user.email) == 303


def test_a_known_browser_has_a_budget_of_its_own(make_app, factory):
    throttled = make_app(RATELIMIT_ENABLED=True, **LIMITS, LOTSE_LOGIN_DEVICE_LIMIT="3 per 15 minutes")
    user = factory.user()
    browser = _client(throttled, "10.1.0.13")
    assert _sign_in(browser, user.email) == 303
    browser.post("/konto/abmelden")
    assert [_sign_in(browser, user.email, "vertippt") for _ in range(4)] == [422] * 3 + [429]


def test_a_forged_device_cookie_is_ignored(make_app, factory):
    throttled = make_app(
        RATELIMIT_ENABLED=True, **{**LIMITS, "LOTSE_LOGIN_ACCOUNT_LIMIT": "2 per 15 minutes"}
    )
    user = factory.user()
    client = _client(throttled, "10.1.0.14")
    client.set_cookie("lotse_device", "W1siYWJjIiwiMSJdXQ.gefaelscht", path="/konto/anmelden")
    assert [_sign_in(client, user.email, "falsch") for _ in range(3)] == [422, 422, 429]


def test_spraying_from_one_source_is_throttled(make_app, factory):
    throttled = make_app(RATELIMIT_ENABLED=True, LOTSE_LOGIN_LIMIT="3 per minute")
    users = [factory.user() for _ in range(4)]
    client = _client(throttled, "10.1.0.15")
    assert [_sign_in(client, user.email, "Sommer2026") for user in users] == [422, 422, 422, 429]


def _redis(db):
    connection = redis.Redis(host="127.0.0.1", port=6379, db=db, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis nicht erreichbar")
    return connection


def test_rate_limit_keys_in_redis_hold_neither_email_nor_address(make_app, factory):
    db_number = 13  # not the production default 0
    connection = _redis(db_number)
    email = f"geheim-{uuid.uuid4().hex[:10]}@test.example"
    address = f"10.{uuid.uuid4().int % 250}.77.{uuid.uuid4().int % 250}"
    factory.user(email=email)
    throttled = make_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:6379/{db_number}", **LIMITS
    )
    client = _client(throttled, address)
    assert _sign_in(client, email, "falsch") == 422
    assert client.post("/konto/passwort-vergessen", data={"email": email}).status_code == 303
    keys = [key.decode() for key in connection.scan_iter(match="*", count=1000)]
    local_part = email.split("@")[0]
    try:
        assert any("login" in key for key in keys), keys
        assert not [key for key in keys if local_part in key or address in key]
    finally:
        from intranet.auth.throttling import keyed_hash

        with throttled.test_request_context(method="POST", environ_base={"REMOTE_ADDR": address}):
            mine = (keyed_hash("login-account", email), keyed_hash("source", address), local_part, address)
        for key in keys:
            if any(part in key for part in mine):
                connection.delete(key)
