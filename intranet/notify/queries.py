"""Reads of the notification pages."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from intranet.extensions import db
from intranet.notify.models import Notification


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
