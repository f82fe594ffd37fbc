"""The mix: anonymous posts, comments and supports are published in shuffled batches.

Why: a row written inside the request that made it carries that request's traces – on
PostgreSQL its `xmin` (transaction id) comes right after the author's own sign-in entry, its
`ctid` and the WAL order place it next to the author's other writes, and a counter UPDATE
does the same to the post it touches. So the request only *queues* the action (a row with a
random id, no time, no person) and the `anonymous-mix` job publishes the queue in one
transaction, in random order: every published row has the job's `xmin`, the rows of a batch
lie in shuffled `ctid` order, no sequence is drawn during the request.

The queue's own exposure window, stated honestly (docs/ANONYMITY.md): until the job's next
run (`LOTSE_ANON_MIX_MINUTES`, default 15) the queued row still has the request's `xmin`;
every run rewrites waiting rows (`rounds_waited`), and a batch waits for company until it
has `LOTSE_ANON_MIX_MIN` items (default 3) or has waited `LOTSE_ANON_MIX_MAX_ROUNDS` rounds
(default 8, two hours). Physical backups and the WAL keep old row versions until they are
recycled.

One person, one support per post; a budget of anonymous actions per day: both are keyed
digests (`AnonymousToken`) under a key of the current month (`AnonymityKey`, the key is
HMAC(SECRET_KEY, random material)). A database dump alone cannot be linked; whoever holds the
database *and* SECRET_KEY can test "did person X support post P this month" until the month
ends and the material is deleted – after that nobody can. Named supports and the
session cookie never mention anonymous ones. Alternatives considered: blind-signed tokens
(RFC 9474) unlink issuance from spending but cannot enforce "once per post" without linking
again; per-session limits (the old design) are replayable with a saved cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from intranet import clock
from intranet.extensions import db
from intranet.feedback import services
from intranet.feedback.mix_models import AnonymityKey, AnonymousQueueItem, AnonymousToken
from intranet.feedback.models import FeedbackPost, FeedbackSupport

log = logging.getLogger(__name__)
JOB_NAME = "anonymous-mix"
_random = secrets.SystemRandom()


def _setting(name: str, default: int) -> int:
    return int(current_app.config.get(name) or default)


def interval_minutes() -> int:
    """The mix job's interval, read once at start (LOTSE_ANON_MIX_MINUTES)."""
    return int(os.environ.get("LOTSE_ANON_MIX_MINUTES") or 15)


def current_period() -> str:
    today = clock.local_today()
    return f"{today.year:04d}-{today.month:02d}"


def _key(period: str) -> bytes:
    """This period's key, created on first use; HMAC(SECRET_KEY, material)."""
    row = db.session.get(AnonymityKey, period)
    if row is None:
        try:
            with db.session.begin_nested():
                row = AnonymityKey(period=period, material=secrets.token_hex(32))
                db.session.add(row)
        except IntegrityError:  # a parallel request created it first
            row = db.session.get(AnonymityKey, period)
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, bytes.fromhex(row.material), hashlib.sha256).digest()


def _digest(*parts) -> tuple[str, str]:
    period = current_period()
    message = ":".join(str(part) for part in parts).encode()
    return hmac.new(_key(period), message, hashlib.sha256).hexdigest(), period


def _spend_budget(user) -> None:
    """Count one anonymous action against the person's daily budget (a keyed digest, no time)."""
    limit = _setting("LOTSE_ANON_DAILY_BUDGET", 20)
    digest, period = _digest("budget", user.id, clock.local_today().isoformat())
    spent = db.session.execute(
        update(AnonymousToken)
        .where(AnonymousToken.digest == digest, AnonymousToken.used < limit)
        .values(used=AnonymousToken.used + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if spent:
        return
    if db.session.get(AnonymousToken, digest) is not None:
        raise services.FeedbackError(
            _l(
                "Sie haben heute schon %(limit)d anonyme Beiträge, Kommentare oder Unterstützungen "
                "abgegeben. Morgen geht es wieder.",
                limit=limit,
            )
        )
    try:
        with db.session.begin_nested():
            db.session.add(AnonymousToken(digest=digest, period=period, used=1))
    except IntegrityError:  # parallel request: count again through the UPDATE
        _spend_budget(user)


def _enqueue(action: str, payload: dict) -> None:
    db.session.add(AnonymousQueueItem(action=action, payload=payload))
    db.session.flush()


def enqueue_post(user, draft) -> str:
    """Check and queue an anonymous post; return the poster's one-time secret."""
    values = services._clean_draft(draft, anonymous=True)
    _spend_budget(user)
    secret = secrets.token_urlsafe(services.SECRET_BYTES)
    _enqueue("post", {"values": values, "secret_hash": services.hash_secret(secret)})
    return secret


def enqueue_comment(user, post: FeedbackPost, body: str, from_post_author: bool = False) -> None:
    """Check and queue an anonymous comment (or the anonymous poster's reply)."""
    services._ensure_open(post, "body")
    body = services._text(body, "body", services.COMMENT_MAX, True)
    _spend_budget(user)
    _enqueue("comment", {"post_id": post.id, "body": body, "from_post_author": from_post_author})


def has_supported_anonymously(user, post: FeedbackPost) -> bool:
    digest, _period = _digest("support", user.id, post.id)
    return db.session.get(AnonymousToken, digest) is not None


def enqueue_support(user, post: FeedbackPost) -> None:
    """Queue an anonymous "Betrifft mich auch": once per person and post, also across named ones."""
    services._ensure_open(post)
    already = services.FeedbackError(_l("Sie haben bei diesem Beitrag schon „Betrifft mich auch“ gewählt."))
    named = select(FeedbackSupport.id).where(
        FeedbackSupport.post_id == post.id, FeedbackSupport.user_id == user.id
    )
    if db.session.scalar(named) is not None:
        raise already
    digest, period = _digest("support", user.id, post.id)
    try:
        with db.session.begin_nested():
            db.session.add(AnonymousToken(digest=digest, period=period))
    except IntegrityError as error:
        raise already from error
    _spend_budget(user)
    _enqueue("support", {"post_id": post.id})


def check_named_support(user, post: FeedbackPost) -> None:
    """A named support is refused when the person already supported the post anonymously."""
    if has_supported_anonymously(user, post):
        raise services.FeedbackError(_l("Sie haben bei diesem Beitrag schon „Betrifft mich auch“ gewählt."))


def longest_wait_hours() -> int:
    """How long a queued action waits at most, in whole hours (rounded up), for the texts."""
    minutes = interval_minutes() * (_setting("LOTSE_ANON_MIX_MAX_ROUNDS", 8) + 1)
    return max(1, -(-minutes // 60))


def post_for_secret(secret: str | None) -> FeedbackPost:
    """The post of an access code – with a clear word while the post is still queued."""
    try:
        return services.post_for_secret(secret)
    except services.FeedbackError:
        if is_queued_secret(secret):
            raise services.FeedbackError(
                _l(
                    "Ihr Beitrag wartet noch auf die nächste Sammelveröffentlichung (spätestens in etwa "
                    "%(hours)d Stunden). Bitte versuchen Sie es danach noch einmal.",
                    hours=longest_wait_hours(),
                ),
                "secret",
            ) from None
        raise


def is_queued_secret(secret: str | None) -> bool:
    """True while the post of this secret waits in the queue."""
    secret = (secret or "").strip().lstrip("#")
    if not secret or len(secret) > 200:
        return False
    wanted = services.hash_secret(secret)
    items = db.session.scalars(select(AnonymousQueueItem).where(AnonymousQueueItem.action == "post")).all()
    return any(item.payload.get("secret_hash") == wanted for item in items)


def _publish(item: AnonymousQueueItem) -> bool:
    payload = item.payload
    if item.action == "post":
        post = FeedbackPost(
            id=services._free_id(FeedbackPost),
            **payload["values"],
            author_id=None,
            is_anonymous=True,
            secret_hash=payload["secret_hash"],
        )
        db.session.add(post)
        db.session.flush()
        return True
    post = db.session.get(FeedbackPost, payload["post_id"])
    if post is None or post.is_hidden:
        return False
    if item.action == "comment":
        services.add_anonymous_comment(post, payload["body"], from_post_author=payload["from_post_author"])
    else:
        services.support_anonymously(post)
    return True


def forget_old_periods() -> int:
    """Destroy the keys and tokens of past periods: from now on they link nobody."""
    period = current_period()
    db.session.execute(
        delete(AnonymousToken)
        .where(AnonymousToken.period != period)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(
        delete(AnonymityKey).where(AnonymityKey.period != period).execution_options(synchronize_session=False)
    ).rowcount


def publish_queue(force: bool = False) -> str:
    """The job: publish the queue in random order once it has company (or waited long enough)."""
    forgotten = forget_old_periods()
    _key(current_period())  # made here, not by the first anonymous request of the month
    items = list(db.session.scalars(select(AnonymousQueueItem)))
    enough = len(items) >= _setting("LOTSE_ANON_MIX_MIN", 3)
    waited = any(item.rounds_waited + 1 >= _setting("LOTSE_ANON_MIX_MAX_ROUNDS", 8) for item in items)
    if not items or not (force or enough or waited):
        # Rewriting the waiting rows also replaces their xmin by this job's transaction.
        db.session.execute(
            update(AnonymousQueueItem)
            .values(rounds_waited=AnonymousQueueItem.rounds_waited + 1)
            .execution_options(synchronize_session=False)
        )
        return f"wartend={len(items)}, alte_schluessel={forgotten}"
    _random.shuffle(items)
    published = dropped = 0
    for item in items:
        # No savepoint per item: on PostgreSQL it would give each row its own (sub)transaction id.
        try:
            done = _publish(item)
        except services.FeedbackError:  # checked before anything is written (_ensure_open first)
            done = False
        published += int(done)
        dropped += int(not done)
        db.session.delete(item)
    db.session.flush()
    log.info("Anonyme Mischung: %d veröffentlicht, %d verworfen.", published, dropped)
    return f"veroeffentlicht={published}, verworfen={dropped}, alte_schluessel={forgotten}"
