"""Reads of the notification pages, and the outbox queue for the administration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort
from sqlalchemy import case, func, select

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification, OutgoingMail


def notifications_of(user):
    """The user's notifications, newest first (a query to page)."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def get_own_notification_or_404(user, notification_id: int) -> Notification:
    """One of the user's own notifications; someone else's is 404, as if it did not exist."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        abort(404)
    return notification


def newest_unread(user, limit: int = 5) -> list[Notification]:
    """The user's newest unread notifications (home panel)."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
    )


ADDRESS = re.compile(r"[^\s<>\"']+@[^\s<>\"']+")


@dataclass(frozen=True)
class OutboxStatus:
    """The outbox queue for the administration: counts and the last error, never content."""

    due: int  # waiting, to be sent by the next `mail` run
    retrying: int  # failed before, waiting for their back-off
    given_up: int  # failed MAX_ATTEMPTS times; stay here for the administration to see
    sent_last_day: int
    oldest_waiting_since: datetime | None
    last_error: str | None
    last_error_attempts: int | None


def outbox_status() -> OutboxStatus:
    """One query for the counts, one for the last error."""
    from intranet.notify.services import MAX_ATTEMPTS

    now = clock.now()
    waiting = OutgoingMail.sent_at.is_(None) & (OutgoingMail.attempts < MAX_ATTEMPTS)
    backing_off = waiting & OutgoingMail.next_attempt_at.is_not(None) & (OutgoingMail.next_attempt_at > now)
    counts = db.session.execute(
        select(
            func.count(case((waiting & ~backing_off, 1))),
            func.count(case((backing_off, 1))),
            func.count(case((OutgoingMail.sent_at.is_(None) & (OutgoingMail.attempts >= MAX_ATTEMPTS), 1))),
            func.count(case((OutgoingMail.sent_at >= now - timedelta(days=1), 1))),
            func.min(case((waiting, OutgoingMail.created_at))),
        )
    ).one()
    failed = db.session.execute(
        select(OutgoingMail.last_error, OutgoingMail.attempts)
        .where(OutgoingMail.sent_at.is_(None), OutgoingMail.last_error.is_not(None))
        .order_by(OutgoingMail.next_attempt_at.desc())
        .limit(1)
    ).first()
    return OutboxStatus(
        due=counts[0],
        retrying=counts[1],
        given_up=counts[2],
        sent_last_day=counts[3],
        oldest_waiting_since=counts[4],
        # The relay's answer may quote a recipient: addresses are masked, content never shown.
        last_error=ADDRESS.sub("…@…", failed.last_error) if failed else None,
        last_error_attempts=failed.attempts if failed else None,
    )
