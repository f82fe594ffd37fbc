"""The org tree in the browser: see, create, rename, move, (de)activate units."""

from flask import Blueprint, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet import permissions
from intranet.audit.services import record
from intranet.extensions import db
from intranet.hx import redirect_after_post
from intranet.org import services
from intranet.org.forms import UnitForm
from intranet.org.models import OrgUnit

bp = Blueprint("org", __name__, url_prefix="/org")


@bp.get("/")
@login_required
def tree():
    """Everyone may see the organisation; admins get the controls."""
    return render_template("org/tree.html", tree=services.org_tree(), members=services.member_counts())


def _form(unit: OrgUnit | None) -> UnitForm:
    form = UnitForm(obj=unit)
    form.set_parent_choices(services.org_tree().choices())
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    permissions.require(permissions.can_manage_org(current_user))
    form = _form(None)
    if form.validate_on_submit():
        try:
            parent = db.session.get(OrgUnit, form.parent_id.data) if form.parent_id.data else None
            unit = services.create_unit(form.name.data, form.kind.data, parent)
        except services.OrgError as error:
            error.show_on(form, "name")
        else:
            record(current_user, "unit_created", unit, summary=unit.name)
            db.session.commit()
            flash(_("Die Einheit „%(name)s“ wurde angelegt.", name=unit.name), "success")
            return redirect_after_post(url_for("org.tree") + f"#unit-{unit.id}")
    return render_template("org/unit_form.html", form=form, unit=None), (422 if form.errors else 200)


@bp.route("/<int:unit_id>", methods=["GET", "POST"])
@login_required
def edit(unit_id):
    permissions.require(permissions.can_manage_org(current_user))
    unit = db.get_or_404(OrgUnit, unit_id)
    form = _form(unit)
    if not form.is_submitted():
        form.parent_id.data = unit.parent_id or 0
    if form.validate_on_submit():
        try:
            parent = db.session.get(OrgUnit, form.parent_id.data) if form.parent_id.data else None
            services.update_unit(unit, form.name.data, form.kind.data, parent)
        except services.OrgError as error:
            db.session.rollback()
            unit = db.get_or_404(OrgUnit, unit_id)
            error.show_on(form, "name")
        else:
            record(current_user, "unit_updated", unit, summary=unit.name)
            db.session.commit()
            flash(_("Die Einheit wurde gespeichert."), "success")
            return redirect_after_post(url_for("org.tree") + f"#unit-{unit.id}")
    return render_template("org/unit_form.html", form=form, unit=unit), (422 if form.errors else 200)


@bp.post("/<int:unit_id>/deactivate")
@login_required
def deactivate(unit_id):
    permissions.require(permissions.can_manage_org(current_user))
    unit = db.get_or_404(OrgUnit, unit_id)
    return _toggle(
        unit,
        services.deactivate_unit,
        "unit_deactivated",
        _("Die Einheit „%(name)s“ wurde deaktiviert.", name=unit.name),
    )


@bp.post("/<int:unit_id>/reactivate")
@login_required
def reactivate(unit_id):
    permissions.require(permissions.can_manage_org(current_user))
    unit = db.get_or_404(OrgUnit, unit_id)
    return _toggle(
        unit,
        services.reactivate_unit,
        "unit_reactivated",
        _("Die Einheit „%(name)s“ ist wieder aktiv.", name=unit.name),
    )


def _toggle(unit, action, audit_action, success_message):
    try:
        action(unit)
    except services.OrgError as error:
        flash(str(error.message), "error")
        return redirect_after_post(url_for("org.edit", unit_id=unit.id))
    record(current_user, audit_action, unit, summary=unit.name)
    db.session.commit()
    flash(success_message, "success")
    return redirect_after_post(url_for("org.tree") + f"#unit-{unit.id}")
