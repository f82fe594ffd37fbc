"""The one notification service every feature calls.

`notify()` writes in-app notifications and, for recipients who want e-mail at once,
queues a message in the outbox within the caller's transaction. The `mail` job
delivers the outbox; the `digest` job sends the daily digest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update

from intranet import clock, urls
from intranet.auth.models import User
from intranet.extensions import db
from intranet.notify.mail import send_mail
from intranet.notify.models import Notification, OutgoingMail

# A message is tried up to MAX_ATTEMPTS times, waiting retry_delay() after each failure:
# 1+2+4+8+16+32 minutes, then hourly – about 6 hours of relay outage before it is given up
# (it stays in the outbox, visible to the administration, with its last error).
MAX_ATTEMPTS = 12
RETRY_FIRST = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=1)

log = logging.getLogger(__name__)


# Pillars not yet converted to `intranet.urls` still import this name; it is `urls.absolute`.
absolute_url = urls.absolute


def notify(recipients: Iterable[User], kind: str, message, url: str, exclude=None) -> int:
    """Notify each distinct active recipient once; `message` may be a lazy string.

    `message` is rendered in each recipient's own language. Returns the count.
    """
    seen: set[int] = set()
    excluded_id = getattr(exclude, "id", None)
    count = 0
    for user in recipients:
        if user.id in seen or user.id == excluded_id or not user.is_active_account:
            continue
        seen.add(user.id)
        with force_locale(user.locale):
            text = str(message)
            subject = _("Lotse: %(message)s", message=text)[:200]
            body = _(
                "%(message)s\n\nZum Ansehen: %(url)s\n\n"
                "Sie erhalten diese E-Mail, weil Sie in Lotse Benachrichtigungen per E-Mail "
                "eingestellt haben. Ändern können Sie das unter „Benachrichtigungen“.",
                message=text,
                url=urls.absolute(url),
            )
        db.session.add(Notification(user_id=user.id, kind=kind, message=text[:500], url=url))
        if user.email_preference == "immediately":
            queue_mail(user.email, subject, body)
        count += 1
    db.session.flush()
    return count


def queue_mail(to_address: str, subject: str, body: str) -> OutgoingMail:
    """Put one message into the outbox; the caller commits."""
    mail = OutgoingMail(to_address=to_address, subject=subject, body=body)
    db.session.add(mail)
    return mail


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without id, all) of the user's notifications read."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=clock.now())).rowcount


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the `attempts`-th failed try: 1, 2, 4 … minutes, at most an hour."""
    return min(RETRY_FIRST * 2 ** (attempts - 1), RETRY_MAX)


def deliver_outbox(limit: int = 200) -> int:
    """Send due outbox mail; each message is claimed before it is sent (at most once).

    No transaction is open while the relay is talked to (issue 22): each message is claimed in
    one short transaction (the claim reads the message), sent with the session closed, and the
    outcome recorded in another short transaction. A message whose relay failed is kept and
    retried with back-off (`retry_delay`), up to MAX_ATTEMPTS tries.
    """
    sent = 0
    db.session.commit()  # whatever the caller had open ends before the first network call
    for _attempt in range(limit):
        claimed = _claim_next_mail()
        if claimed is None:
            break
        mail_id, to_address, subject, body, attempts = claimed
        try:
            send_mail(to_address, subject, body)
        except (OSError, ValueError) as error:  # smtplib errors are OSErrors
            _record_failure(mail_id, attempts, error)
        else:
            _record_success(mail_id)
            sent += 1
    return sent


def _claim_next_mail():
    """Claim the oldest due message in one short transaction; (id, to, subject, body, attempts)."""
    now = clock.now()
    try:
        while True:
            row = db.session.execute(
                select(OutgoingMail.id, OutgoingMail.to_address, OutgoingMail.subject, OutgoingMail.body)
                .where(*_due(now))
                .order_by(OutgoingMail.id)
                .limit(1)
            ).first()
            if row is None:
                return None
            attempts = db.session.scalar(
                update(OutgoingMail)
                .where(OutgoingMail.id == row.id, *_due(now))
                .values(sent_at=now, attempts=OutgoingMail.attempts + 1)
                .returning(OutgoingMail.attempts)
            )
            if attempts is not None:  # else another process claimed it in between: next one
                return row.id, row.to_address, row.subject, row.body, attempts
    finally:
        db.session.commit()


def _due(now):
    return (
        OutgoingMail.sent_at.is_(None),
        OutgoingMail.attempts < MAX_ATTEMPTS,
        or_(OutgoingMail.next_attempt_at.is_(None), OutgoingMail.next_attempt_at <= now),
    )


def _record_success(mail_id: int) -> None:
    db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == mail_id).values(last_error=None, next_attempt_at=None)
    )
    db.session.commit()


def _record_failure(mail_id: int, attempts: int, error: Exception) -> None:
    log.warning("E-Mail %s nicht zugestellt (Versuch %s): %s", mail_id, attempts, error)
    db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id)
        .values(
            sent_at=None,
            last_error=str(error)[:500] or type(error).__name__,
            next_attempt_at=clock.now() + retry_delay(attempts),
        )
    )
    db.session.commit()


def send_digests() -> int:
    """Send each digest user one mail with their undigested unread notifications."""
    now = clock.now()
    users = db.session.scalars(
        select(User).where(User.email_preference == "digest", User.is_active_account.is_(True))
    ).all()
    sent = 0
    for user in users:
        if user.last_digest_at and now - user.last_digest_at < timedelta(hours=20):
            continue
        items = db.session.scalars(
            select(Notification)
            .where(
                Notification.user_id == user.id,
                Notification.read_at.is_(None),
                Notification.digested_at.is_(None),
            )
            .order_by(Notification.created_at)
        ).all()
        user.last_digest_at = now
        if not items:
            continue
        with force_locale(user.locale):
            lines = [f"• {item.message}\n  {urls.absolute(item.url)}" for item in items]
            subject = _("Lotse: Ihre Zusammenfassung (%(count)d neue Benachrichtigungen)", count=len(items))
            body = _(
                "Guten Tag %(name)s,\n\nseit der letzten Zusammenfassung ist Folgendes "
                "passiert:\n\n%(lines)s\n",
                name=user.name,
                lines="\n".join(lines),
            )
        for item in items:
            item.digested_at = now
        queue_mail(user.email, subject, body)
        sent += 1
    db.session.flush()
    return sent
