"""Posting, commenting, supporting and following on the feedback board.

Anonymity rules (provable, see tests/feedback/test_anonymity.py):
an anonymous post, comment or support stores no reference to its author – no user id, no
hash of it, no session id, no IP, no user agent – and only the calendar date. The services
for anonymous content therefore never receive the user at all. Nothing here writes the
audit log, notifications or application log lines for anonymous content.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from intranet import clock
from intranet.auth.models import User
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.feedback.models import (
    KINDS,
    FeedbackComment,
    FeedbackFollow,
    FeedbackPost,
    FeedbackSupport,
    random_id,
)
from intranet.feedback.queries import has_supported, is_following
from intranet.form_rules import REQUIRED, too_long
from intranet.org.models import OrgUnit
from intranet.org.services import org_tree
from intranet.topics.models import Topic

TITLE_MAX = 150
TEXT_MAX = 10_000
COMMENT_MAX = 5_000
SECRET_BYTES = 32
SECRET_MAX = 200  # what the secret form accepts; a real secret has 43 characters


class FeedbackError(DomainError):
    """A rule of the feedback board was broken; the message is shown to the user."""


@dataclass
class PostDraft:
    """What a person typed into the post form."""

    kind: str
    title: str
    body: str = ""
    what_happened: str = ""
    what_helped: str = ""
    what_learned: str = ""
    what_prevents: str = ""
    unit_id: int | None = None
    topic_id: int | None = None


# --- Units and the anonymity threshold ------------------------------------------------------


def anonymity_k() -> int:
    """The smallest group an anonymous post may name (LOTSE_ANONYMITY_K, default 5)."""
    return int(current_app.config.get("LOTSE_ANONYMITY_K", 5))


def subtree_member_counts() -> dict[int, int]:
    """Active members of every unit including all its sub-units (one query)."""
    own = dict(
        db.session.execute(
            select(User.unit_id, func.count(User.id))
            .where(User.is_active_account.is_(True))
            .group_by(User.unit_id)
        ).all()
    )
    tree = org_tree()
    totals: dict[int, int] = {}
    for unit_id in tree.units:
        totals[unit_id] = sum(own.get(i, 0) for i in tree.descendant_ids(unit_id))
    return totals


def nearest_large_enough_unit(unit_id: int, counts: dict[int, int] | None = None) -> OrgUnit | None:
    """The unit itself or its nearest ancestor with at least k active members."""
    counts = subtree_member_counts() if counts is None else counts
    for unit in org_tree().ancestors(unit_id):
        if unit.is_active and counts.get(unit.id, 0) >= anonymity_k():
            return unit
    return None


def _check_unit(unit_id: int | None, anonymous: bool) -> int | None:
    if not unit_id:
        return None
    unit = org_tree().get(unit_id)
    if unit is None or not unit.is_active:
        raise FeedbackError(_l("Bitte wählen Sie eine bestehende Organisationseinheit."), "unit_id")
    if anonymous:
        allowed = nearest_large_enough_unit(unit_id)
        if allowed is None or allowed.id != unit_id:
            if allowed is None:
                raise FeedbackError(
                    _l(
                        "Diese Einheit hat weniger als %(k)d Mitglieder. Damit Sie anonym bleiben, "
                        "geben Sie bitte keine Einheit an.",
                        k=anonymity_k(),
                    ),
                    "unit_id",
                )
            raise FeedbackError(
                _l(
                    "Diese Einheit hat weniger als %(k)d Mitglieder – ein anonymer Beitrag könnte "
                    "Ihnen zugeordnet werden. Wählen Sie stattdessen „%(parent)s“.",
                    k=anonymity_k(),
                    parent=allowed.name,
                ),
                "unit_id",
            )
    return unit_id


def _check_topic(topic_id: int | None) -> int | None:
    if not topic_id:
        return None
    topic = db.session.get(Topic, topic_id)
    if topic is None or not topic.is_active:
        raise FeedbackError(_l("Bitte wählen Sie ein bestehendes Thema."), "topic_id")
    return topic_id


def _text(value: str | None, field: str, maximum: int, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise FeedbackError(REQUIRED, field)
    if len(value) > maximum:
        raise FeedbackError(too_long(maximum), field)
    return value


def _clean_draft(draft: PostDraft, anonymous: bool) -> dict:
    if draft.kind not in KINDS:
        raise FeedbackError(_l("Bitte wählen Sie eine Art von Beitrag."), "kind")
    lesson = draft.kind == "lesson"
    values = {
        "kind": draft.kind,
        "title": " ".join(_text(draft.title, "title", TITLE_MAX, True).split()),
        "body": _text(draft.body, "body", TEXT_MAX, not lesson) if not lesson else "",
        "what_happened": _text(draft.what_happened, "what_happened", TEXT_MAX, lesson),
        "what_helped": _text(draft.what_helped, "what_helped", TEXT_MAX, False),
        "what_learned": _text(draft.what_learned, "what_learned", TEXT_MAX, lesson),
        "what_prevents": _text(draft.what_prevents, "what_prevents", TEXT_MAX, False),
        "unit_id": _check_unit(draft.unit_id, anonymous),
        "topic_id": _check_topic(draft.topic_id),
    }
    if not lesson:
        values.update(what_happened="", what_helped="", what_learned="", what_prevents="")
    return values


def _free_id(model) -> int:
    """A random id not yet used in the model's table (random: ids must not reveal order)."""
    while True:
        candidate = random_id()
        if db.session.get(model, candidate) is None:
            return candidate


# --- Posts -----------------------------------------------------------------------------------


def hash_secret(secret: str) -> str:
    """SHA-256 of a random secret: enough for 256-bit tokens, no user in it."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_named_post(author: User, draft: PostDraft) -> FeedbackPost:
    """Publish a post under the author's name."""
    post = FeedbackPost(
        id=_free_id(FeedbackPost),
        **_clean_draft(draft, anonymous=False),
        author_id=author.id,
        is_anonymous=False,
    )
    db.session.add(post)
    db.session.flush()
    return post


def create_anonymous_post(draft: PostDraft) -> tuple[FeedbackPost, str]:
    """Publish a post without any author reference; return it with its one-time secret."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    post = FeedbackPost(
        id=_free_id(FeedbackPost),
        **_clean_draft(draft, anonymous=True),
        author_id=None,
        is_anonymous=True,
        secret_hash=hash_secret(secret),
    )
    db.session.add(post)
    db.session.flush()
    return post, secret


def secret_valid_days() -> int:
    """How long a secret opens its post (LOTSE_FEEDBACK_SECRET_DAYS, default 365)."""
    return int(current_app.config.get("LOTSE_FEEDBACK_SECRET_DAYS", 365))


def post_for_secret(secret: str | None) -> FeedbackPost:
    """The anonymous post a secret belongs to; forged or expired secrets are refused."""
    secret = (secret or "").strip()
    if secret.startswith("#"):
        secret = secret[1:]
    if not secret or len(secret) > SECRET_MAX:
        raise FeedbackError(_l("Bitte geben Sie Ihren Zugangscode ein."), "secret")
    post = db.session.scalar(select(FeedbackPost).where(FeedbackPost.secret_hash == hash_secret(secret)))
    if post is None:
        raise FeedbackError(
            _l(
                "Dieser Zugangscode ist nicht gültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben."
            ),
            "secret",
        )
    if post.created_on + timedelta(days=secret_valid_days()) < clock.local_today():
        raise FeedbackError(
            _l(
                "Dieser Zugangscode ist abgelaufen (gültig %(days)d Tage nach dem Beitrag).",
                days=secret_valid_days(),
            ),
            "secret",
        )
    return post


def _ensure_open(post: FeedbackPost, field: str | None = None) -> None:
    if post.is_hidden:
        raise FeedbackError(
            _l("Dieser Beitrag wurde ausgeblendet. Es sind keine Reaktionen mehr möglich."), field
        )


# --- Comments --------------------------------------------------------------------------------


def _next_position(post: FeedbackPost) -> int:
    db.session.execute(
        update(FeedbackPost)
        .where(FeedbackPost.id == post.id)
        .values(comment_count=FeedbackPost.comment_count + 1)
    )
    db.session.refresh(post, ["comment_count"])
    return post.comment_count


def _add_comment(post: FeedbackPost, body: str, author_id: int | None, from_post_author: bool = False):
    _ensure_open(post, "body")
    body = _text(body, "body", COMMENT_MAX, True)
    comment = FeedbackComment(
        id=_free_id(FeedbackComment),
        post_id=post.id,
        position=_next_position(post),
        body=body,
        author_id=author_id,
        is_anonymous=author_id is None,
        is_from_post_author=from_post_author,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def add_named_comment(author: User, post: FeedbackPost, body: str) -> FeedbackComment:
    """Comment under the author's name."""
    return _add_comment(post, body, author.id)


def add_anonymous_comment(post: FeedbackPost, body: str, from_post_author: bool = False) -> FeedbackComment:
    """Comment without any author reference (from_post_author: written via the secret)."""
    return _add_comment(post, body, None, from_post_author)


# --- Supports and follows --------------------------------------------------------------------


def _bump_support(post: FeedbackPost, named: int, anonymous: int = 0) -> None:
    db.session.execute(
        update(FeedbackPost)
        .where(FeedbackPost.id == post.id)
        .values(
            support_count=FeedbackPost.support_count + named + anonymous,
            anonymous_support_count=FeedbackPost.anonymous_support_count + anonymous,
        )
    )
    db.session.refresh(post, ["support_count", "anonymous_support_count"])


def support(user: User, post: FeedbackPost) -> None:
    """Add the user's named "Betrifft mich auch" (once per person)."""
    _ensure_open(post)
    if has_supported(user, post):
        raise FeedbackError(_l("Sie haben bei diesem Beitrag schon „Betrifft mich auch“ gewählt."))
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackSupport(post_id=post.id, user_id=user.id))
    except IntegrityError as error:  # a parallel request of the same person won the race
        raise FeedbackError(_l("Sie haben bei diesem Beitrag schon „Betrifft mich auch“ gewählt.")) from error
    _bump_support(post, 1)


def withdraw_support(user: User, post: FeedbackPost) -> None:
    """Take back the user's named support."""
    removed = db.session.execute(
        delete(FeedbackSupport).where(FeedbackSupport.post_id == post.id, FeedbackSupport.user_id == user.id)
    ).rowcount
    if not removed:
        raise FeedbackError(_l("Sie hatten diesen Beitrag nicht unterstützt."))
    _bump_support(post, -1)


def support_anonymously(post: FeedbackPost) -> None:
    """Count one anonymous support; nothing about the supporter is stored."""
    _ensure_open(post)
    _bump_support(post, 0, 1)


def set_following(user: User, post: FeedbackPost, follow: bool) -> None:
    """Follow (status changes are notified) or stop following a post."""
    if not follow:
        db.session.execute(
            delete(FeedbackFollow).where(FeedbackFollow.post_id == post.id, FeedbackFollow.user_id == user.id)
        )
        return
    if is_following(user, post):
        return
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackFollow(post_id=post.id, user_id=user.id))
    except IntegrityError:
        pass  # already following through a parallel request: the wanted state holds
