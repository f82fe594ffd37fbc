"""The audit log: every security-relevant and administrative action, read-only."""

from flask import render_template, request
from flask_login import current_user

from intranet import permissions as perm
from intranet.admin import queries
from intranet.admin.forms import AuditFilterForm
from intranet.admin.views import bp
from intranet.paging import paginate


@bp.get("/protokoll")
def audit_log():
    perm.require(perm.can_view_audit_log(current_user))
    form = AuditFilterForm(request.args)
    form.validate()
    page = paginate(queries.audit_entries(None if form.action.errors else form.action.data))
    return render_template("admin/audit.html", page=page, form=form)
