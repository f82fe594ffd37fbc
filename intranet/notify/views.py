"""Notification list, unread badge, marking read."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet.domain import attempt
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.notify import queries, services
from intranet.paging import paginate
from intranet.security import safe_next

bp = Blueprint("notify", __name__, url_prefix="/benachrichtigungen")


@bp.before_request
@login_required
def _signed_in():
    """Notifications are personal: every page needs a signed-in user."""


@bp.get("/")
def index():
    return render_page_or_partial(
        "notify/index.html",
        "notify/partials/_list.html",
        "notification-list",
        page=paginate(queries.notifications_of(current_user)),
    )


@bp.get("/ungelesen")
def badge():
    return render_template("notify/partials/_badge.html", unread=services.unread_count(current_user))


@bp.post("/<int:notification_id>/oeffnen")
def open_notification(notification_id):
    notification = queries.get_own_notification_or_404(current_user, notification_id)
    attempt(lambda: services.mark_read(current_user, notification_id))
    return redirect(safe_next(notification.url, url_for("main.home")), code=303)


@bp.post("/alle-gelesen")
def read_all():
    attempt(
        lambda: services.mark_read(current_user),
        success=_("Alle Benachrichtigungen sind als gelesen markiert."),
    )
    return redirect_after_post(safe_next(request.form.get("next"), url_for("notify.index")))
