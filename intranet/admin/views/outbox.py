"""Administration: the e-mail outbox queue (waiting, retrying, failed, last error – no content)."""

from flask import render_template
from flask_login import current_user

from intranet import permissions as perm
from intranet.admin.views import bp
from intranet.notify import queries


@bp.get("/postausgang")
def outbox():
    perm.require(perm.can_view_outbox(current_user))
    return render_template("admin/outbox.html", status=queries.outbox_status())
