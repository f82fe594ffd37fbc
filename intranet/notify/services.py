"""The one notification service every feature calls.

`notify()` writes in-app notifications and, for recipients who want e-mail at once,
queues a message in the outbox within the caller's transaction. The `mail` job
delivers the outbox; the `digest` job sends the daily digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from intranet import clock, urls
from intranet.auth.models import User
from intranet.extensions import db
from intranet.notify.mail import send_mail
from intranet.notify.models import Notification, OutgoingMail

MAX_ATTEMPTS = 5


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


def deliver_outbox(limit: int = 200) -> int:
    """Send pending outbox mail; each message is claimed before it is sent (at most once).

    Commits per message, because a message that went out must never be sent again
    even if a later one fails.
    """
    sent = 0
    pending_ids = db.session.scalars(
        select(OutgoingMail.id)
        .where(OutgoingMail.sent_at.is_(None), OutgoingMail.attempts < MAX_ATTEMPTS)
        .order_by(OutgoingMail.id)
        .limit(limit)
    ).all()
    for mail_id in pending_ids:
        claimed = db.session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.id == mail_id, OutgoingMail.sent_at.is_(None))
            .values(sent_at=clock.now(), attempts=OutgoingMail.attempts + 1)
        ).rowcount
        db.session.commit()
        if not claimed:
            continue
        mail = db.session.get(OutgoingMail, mail_id)
        try:
            send_mail(mail.to_address, mail.subject, mail.body)
            sent += 1
        except (OSError, ValueError) as error:  # smtplib errors are OSErrors
            mail.sent_at = None
            mail.last_error = str(error)[:500]
        db.session.commit()
    return sent


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
