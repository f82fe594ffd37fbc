"""Tables of the anonymity mix (see `mix.py`): the queue, the period keys and keyed tokens.

None of them has a timestamp, a sequence or a user id: the queue id is random, tokens are
keyed digests whose key is destroyed when the period ends.
"""

from __future__ import annotations

import secrets

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import db


def _queue_id() -> str:
    return secrets.token_hex(16)


class AnonymousQueueItem(db.Model):
    """An anonymous post, comment or support waiting for the next batch."""

    __tablename__ = "feedback_anonymous_queue"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_queue_id)
    action: Mapped[str] = mapped_column(String(10))  # post, comment, support
    payload: Mapped[dict] = mapped_column(JSON)
    # Mix rounds this item has waited for company (no clock time is stored).
    rounds_waited: Mapped[int] = mapped_column(default=0)


class AnonymityKey(db.Model):
    """Random key material of one period; the key is HMAC(SECRET_KEY, material). Deleted when
    the period ends, which makes every token of that period unlinkable for good."""

    __tablename__ = "feedback_anonymity_key"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-12"
    material: Mapped[str] = mapped_column(String(64))


class AnonymousToken(db.Model):
    """A keyed digest: "this person supported this post" or "this person's budget today".
    Without the period's key (and SECRET_KEY) nobody can tell whose it is."""

    __tablename__ = "feedback_anonymous_token"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    used: Mapped[int] = mapped_column(default=1)
