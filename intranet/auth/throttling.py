"""Sign-in throttling that slows down guessing without letting anyone lock the owner out.

Only *failed* sign-ins count; a successful one never does. Three budgets, each in the
rate-limit storage (Redis in production):

- **per source** (`LOTSE_LOGIN_LIMIT`, client IP): failed sign-ins from one address, for
  whatever accounts – against password spraying;
- **per account** (`LOTSE_LOGIN_ACCOUNT_LIMIT`): failed sign-ins for one account from
  every source that has *not* signed in to that account before – against guessing one
  person's password from many addresses;
- **per account and known device** (`LOTSE_LOGIN_DEVICE_LIMIT`): a browser that signed in to
  the account successfully before carries a signed *device cookie* for it. It is exempt from
  the two budgets above and has a budget of its own instead.

So five wrong passwords for the admin's address from elsewhere exhaust only the budgets of
unknown sources: the admin signs in from their usual browser as always. What the lockout
costs an attacker is the guessing rate; what it can cost the owner is at most having to wait
on a browser they have never used for this account. (This is OWASP's "device cookie" design;
the alternative, a slowdown for everyone, would still slow the owner down.)

Storage keys never hold an e-mail address or an IP address: they are keyed hashes (HMAC with
SECRET_KEY), so a look into Redis shows neither who tried to sign in nor from where. The device
cookie holds such a hash and a random number, signed, scoped to the sign-in path; it is no
session and says nothing about what the person does in Lotse.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, g, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from intranet.auth.services import normalise_email
from intranet.extensions import hashed_remote_address, limiter

DEVICE_COOKIE = "lotse_device"
DEVICE_COOKIE_DAYS = 365
MAX_DEVICES = 5  # accounts remembered per browser (shared workplaces)


def keyed_hash(purpose: str, value: str) -> str:
    """A stable pseudonym for `value` that only the holder of SECRET_KEY can compute."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    message = f"{purpose}:{value}".encode("utf-8", "surrogatepass")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def _account() -> str:
    return keyed_hash("login-account", normalise_email(request.form.get("email", ""))[:254])


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="login-device")


def _devices() -> list[list[str]]:
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return []
    try:
        devices = _serializer().loads(raw)
    except BadSignature:
        return []
    if not isinstance(devices, list):
        return []
    return [entry for entry in devices if isinstance(entry, list) and len(entry) == 2][:MAX_DEVICES]


def known_device() -> str | None:
    """The device number if this browser signed in to the submitted account before."""
    account = _account()
    return next((device for owner, device in _devices() if owner == account), None)


def source_key() -> str:
    return "login-" + hashed_remote_address()


def account_key() -> str:
    return "login-account:" + _account()


def device_key() -> str:
    return "login-device:" + _account() + ":" + (known_device() or "")


def is_known_device() -> bool:
    return known_device() is not None


def is_unknown_device() -> bool:
    return known_device() is None


def mark_failed() -> None:
    """The view calls this when the credentials were wrong: only then is a budget charged."""
    g.lotse_login_failed = True


def failed(_response) -> bool:
    return bool(g.get("lotse_login_failed"))


def remember_device(response, email: str) -> None:
    """After a successful sign-in: this browser is a known device for the account."""
    account = keyed_hash("login-account", normalise_email(email)[:254])
    others = [entry for entry in _devices() if entry[0] != account]
    devices = [[account, secrets.token_urlsafe(12)], *others][:MAX_DEVICES]
    response.set_cookie(
        DEVICE_COOKIE,
        _serializer().dumps(devices),
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        path=url_for("auth.login"),
        secure=current_app.config["LOTSE_HTTPS"],
        httponly=True,
        samesite="Strict",
    )


def failed_sign_ins(limit_setting: str, key_func, exempt_when):
    """A sign-in budget: the limit named by `limit_setting`, counted per `key_func`, POSTs only,
    and only failed attempts use it up."""
    return limiter.limit(
        lambda: current_app.config[limit_setting],
        methods=["POST"],
        key_func=key_func,
        exempt_when=exempt_when,
        deduct_when=failed,
    )
