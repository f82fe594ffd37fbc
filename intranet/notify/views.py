"""Notification list, unread badge, marking read."""

from flask import Blueprint, abort, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from intranet.extensions import db
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.notify import services
from intranet.notify.models import Notification
from intranet.security import safe_next

bp = Blueprint("notify", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    page = db.paginate(
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        per_page=25,
        error_out=False,
    )
    return render_page_or_partial(
        "notify/index.html", "notify/partials/_list.html", "notification-list", page=page
    )


@bp.get("/badge")
@login_required
def badge():
    return render_template("notify/partials/_badge.html", unread=services.unread_count(current_user))


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    services.mark_read(current_user, notification_id)
    db.session.commit()
    return redirect(safe_next(notification.url, "/"), code=303)


@bp.post("/read-all")
@login_required
def read_all():
    services.mark_read(current_user)
    db.session.commit()
    from flask import flash

    flash(_("Alle Benachrichtigungen sind als gelesen markiert."), "success")
    return redirect_after_post(safe_next(request.form.get("next"), "/notifications/"))
