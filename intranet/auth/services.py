"""Accounts: sign-in, passwords, reset links, user administration."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from intranet import clock
from intranet.audit.services import record
from intranet.auth.models import EMAIL_PREFERENCES, ROLES, SCOPED_ROLES, RoleAssignment, User
from intranet.auth.passwords import hash_password, needs_rehash, verify_password
from intranet.domain import DomainError
from intranet.extensions import db

MIN_PASSWORD_LENGTH = 10


class AccountError(DomainError):
    """A rule about accounts was broken; the message is shown next to `field`."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


class LoginFailed(AccountError):
    """Unknown address, wrong password or deactivated account: one message for all three."""

    default_field = "password"


def authenticate(email: str, password: str) -> User:
    """The active user for these credentials, signed in now (audited); else LoginFailed."""
    user = find_user_by_email(email)
    valid = verify_password(user.password_hash if user else None, password)
    if not valid or user is None or not user.is_active_account:
        raise LoginFailed(_l("E-Mail-Adresse oder Passwort ist nicht richtig."))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    record(user, "login", user)
    return user


def record_failed_login(email: str) -> None:
    """Audit a refused sign-in (after `authenticate` refused it and its transaction was rolled back)."""
    user = find_user_by_email(email)
    record(
        user, "login_failed", user, summary=f"Fehlgeschlagene Anmeldung für {normalise_email(email)[:200]}"
    )


def validate_new_password(password: str, user: User | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _l("Das Passwort muss mindestens %(n)d Zeichen lang sein.", n=MIN_PASSWORD_LENGTH), "new_password"
        )
    if len(password) > 200:
        raise AccountError(_l("Das Passwort darf höchstens 200 Zeichen lang sein."), "new_password")
    if user is not None and password.strip().lower() in {user.email, user.name.lower()}:
        raise AccountError(
            _l("Das Passwort darf nicht Ihr Name oder Ihre E-Mail-Adresse sein."), "new_password"
        )


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password; ends every other session of the user."""
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_l("Das aktuelle Passwort ist nicht richtig."), "current_password")
    set_password(user, new_password, actor=user)


def set_password(user: User, new_password: str, actor: User | None) -> None:
    validate_new_password(new_password, user)
    user.password_hash = hash_password(new_password)
    user.revoke_sessions()
    record(actor, "password_changed", user)


def set_locale(user, locale: str) -> None:
    """Remember a signed-in user's language choice."""
    if user.is_authenticated:
        user.locale = locale


def update_profile(user: User, name: str, email_preference: str) -> None:
    """The person's own name and e-mail preference."""
    if email_preference not in EMAIL_PREFERENCES:
        raise AccountError(_l("Bitte wählen Sie eine der angebotenen Möglichkeiten."), "email_preference")
    user.name, user.email_preference = name.strip(), email_preference


def logout(user: User) -> None:
    """Revoke all of this user's sessions and remember-me cookies."""
    user.revoke_sessions()
    record(user, "logout", user)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    # The session nonce changes when the password is set, so the link works once.
    return _reset_serializer().dumps({"uid": user.id, "n": user.session_nonce})


def request_password_reset(email: str) -> None:
    """Queue a reset link for an active account; for any other address nothing happens.

    The mail goes into the outbox (the `mail` job sends it), so the request that asked for
    it answers the same way, just as fast, whether or not the account exists or the relay is
    up. The link is built under LOTSE_BASE_URL, never from the request's host.
    """
    from intranet import urls
    from intranet.notify.services import queue_mail

    user = find_user_by_email(email)
    if user is None or not user.is_active_account:
        return
    link = urls.absolute_url("auth.reset_password", token=make_reset_token(user))
    with force_locale(user.locale):
        subject = _("Lotse: Passwort zurücksetzen")
        body = render_template("auth/reset_mail.txt", user=user, link=link)
    queue_mail(user.email, subject, body)
    db.session.flush()


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _reset_serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active_account or user.session_nonce != data.get("n"):
        return None
    return user


# --- Administration of accounts ---------------------------------------------------


def create_user(
    actor: User | None, email: str, name: str, unit_id: int, locale: str = "de", password: str | None = None
) -> User:
    """Create an account; without a password the person sets one via a reset link."""
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise AccountError(_l("Diese E-Mail-Adresse ist bereits vergeben."), "email")
    user = User(email=email, name=name.strip(), unit_id=unit_id, locale=locale)
    if password:
        validate_new_password(password, user)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "user_created", user, summary=f"{user.name} <{user.email}>")
    return user


def update_user(actor: User, user: User, email: str, name: str, unit_id: int, locale: str) -> None:
    email = normalise_email(email)
    if email != user.email and find_user_by_email(email) is not None:
        raise AccountError(_l("Diese E-Mail-Adresse ist bereits vergeben."), "email")
    changes = {
        k: v
        for k, v in {"email": email, "name": name.strip(), "unit_id": unit_id, "locale": locale}.items()
        if getattr(user, k) != v
    }
    for key, value in changes.items():
        setattr(user, key, value)
    if changes:
        record(actor, "user_updated", user, fields=sorted(changes))


def set_roles(actor: User | None, user: User, wanted: set[tuple[str, int | None]]) -> bool:
    """Make the user's role assignments exactly `wanted` ({(role, unit_id)}); audited."""
    for role, unit_id in wanted:
        if role not in ROLES:
            raise AccountError(_l("Unbekannte Rolle."), "roles")
        if role in SCOPED_ROLES and unit_id is None:
            raise AccountError(_l("Lotsen- und Leitungsrollen brauchen eine Einheit."), "roles")
    normalised = {(role, unit_id if role in SCOPED_ROLES else None) for role, unit_id in wanted}
    current = {(a.role, a.unit_id): a for a in user.role_assignments}
    if set(current) == normalised:
        return False
    if (
        actor is not None
        and actor.id == user.id
        and ("admin", None) in current
        and ("admin", None) not in normalised
    ):
        raise AccountError(_l("Sie können sich die Administrationsrolle nicht selbst entziehen."), "roles")
    for key, assignment in current.items():
        if key not in normalised:
            user.role_assignments.remove(assignment)
    for role, unit_id in normalised - set(current):
        user.role_assignments.append(RoleAssignment(role=role, unit_id=unit_id))
    db.session.flush()
    record(
        actor,
        "roles_changed",
        user,
        roles=sorted(f"{role}@{unit_id}" if unit_id else role for role, unit_id in normalised),
    )
    return True


def deactivate_user(actor: User, user: User) -> None:
    """Deactivate an account; its sessions end at once."""
    if actor.id == user.id:
        raise AccountError(_l("Sie können Ihr eigenes Konto nicht deaktivieren."))
    user.is_active_account = False
    user.deactivated_at = clock.now()
    user.revoke_sessions()
    record(actor, "user_deactivated", user)


def reactivate_user(actor: User, user: User) -> None:
    if user.erased_at is not None:
        raise AccountError(_l("Diese Person wurde gelöscht; ihr Konto kann nicht wieder aktiviert werden."))
    user.is_active_account = True
    user.deactivated_at = None
    record(actor, "user_reactivated", user)


def count_admins() -> int:
    return db.session.scalar(
        select(func.count(func.distinct(RoleAssignment.user_id))).where(RoleAssignment.role == "admin")
    )
