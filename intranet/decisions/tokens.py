"""Personal secret tokens for feed readers and the API; only SHA-256 hashes are stored."""

from __future__ import annotations

import hashlib
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet import clock
from intranet.auth.models import User
from intranet.decisions.models import TOKEN_KINDS, DecisionToken
from intranet.decisions.services import DecisionError
from intranet.extensions import db

MAX_ACTIVE = 10


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user: User, kind: str, label: str) -> tuple[DecisionToken, str]:
    """A new token; the secret is returned once and never stored."""
    if kind not in TOKEN_KINDS:
        raise DecisionError(_l("Unbekannte Art von Zugangsschlüssel."), "kind")
    label = " ".join((label or "").split())
    if not label:
        raise DecisionError(_l("Bitte geben Sie eine Bezeichnung ein."), "label")
    if len(label) > 80:
        raise DecisionError(_l("Höchstens 80 Zeichen."), "label")
    if len(active_tokens(user)) >= MAX_ACTIVE:
        raise DecisionError(
            _l("Sie haben schon 10 aktive Schlüssel. Bitte widerrufen Sie zuerst einen."), "label"
        )
    secret = secrets.token_urlsafe(32)
    token = DecisionToken(user_id=user.id, kind=kind, label=label, token_hash=_hash(secret), hint=secret[:6])
    db.session.add(token)
    db.session.flush()
    return token, secret


def active_tokens(user: User) -> list[DecisionToken]:
    return list(
        db.session.scalars(
            select(DecisionToken)
            .where(DecisionToken.user_id == user.id, DecisionToken.revoked_at.is_(None))
            .order_by(DecisionToken.created_at.desc(), DecisionToken.id.desc())
        )
    )


def revoke_token(user: User, token: DecisionToken) -> None:
    """Revoke one of the user's own tokens (idempotent)."""
    if token.user_id != user.id:
        raise DecisionError(_l("Dieser Schlüssel gehört nicht Ihnen."))
    if token.revoked_at is None:
        token.revoked_at = clock.now()
    db.session.flush()


def user_for_token(secret: str | None, kind: str) -> User | None:
    """The active owner of a valid, unrevoked token of this kind – or None."""
    if not secret or len(secret) > 200:
        return None
    token = db.session.scalar(
        select(DecisionToken).where(
            DecisionToken.token_hash == _hash(secret),
            DecisionToken.kind == kind,
            DecisionToken.revoked_at.is_(None),
        )
    )
    if token is None or not token.user.is_active_account:
        return None
    return token.user
