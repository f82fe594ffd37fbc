"""Home panel: the newest unread notifications."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.notify.models import Notification


def home_panel(user):
    items = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .order_by(Notification.created_at.desc())
        .limit(5)
    ).all()
    return {"notifications": items}
