"""Admins import staff and units from the HR system's CSV export."""

from flask import render_template
from flask_login import current_user

from intranet import permissions as perm
from intranet.admin.forms import ImportForm
from intranet.admin.views import bp
from intranet.domain import attempt
from intranet.org import importer


@bp.route("/import", methods=["GET", "POST"])
def import_staff():
    perm.require(perm.can_import_staff(current_user))
    form = ImportForm()
    result = errors = None
    if form.validate_on_submit():
        imported = attempt(
            lambda: importer.import_staff(current_user, form.file.data.read(), form.create_units.data),
            form=form,
            field="file",
        )
        result = imported.value
        errors = getattr(imported.error, "errors", None)
    status = 422 if form.errors else 200
    return render_template("admin/import.html", form=form, result=result, errors=errors), status
