"""The org tree in the browser: see, create, rename, move, (de)activate units."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.hx import redirect_after_post
from intranet.org import queries, services
from intranet.org.forms import UnitForm

bp = Blueprint("org", __name__, url_prefix="/organisation")


@bp.before_request
@login_required
def _signed_in():
    """Everyone signed in may see the organisation; admins get the controls."""


def _tree_at(unit_id: int) -> str:
    return url_for("org.tree", _anchor=f"unit-{unit_id}")


@bp.get("/")
def tree():
    tree = services.org_tree()
    text = request.args.get("q", "").strip()[:100]
    matches, shown = queries.tree_filter(tree, text) if text else (set(), None)
    # Without a filter the top levels and the way to the person's own unit are open.
    own = {unit.id for unit in tree.ancestors(current_user.unit_id)} if current_user.unit_id else set()
    return render_template(
        "org/tree.html",
        tree=tree,
        members=services.member_counts(),
        q=text,
        matches=matches,
        shown=shown,
        opened=shown if shown is not None else own,
    )


def _form(unit) -> UnitForm:
    form = UnitForm(obj=unit)
    form.set_parent_choices(services.org_tree().choices())
    return form


@bp.route("/neu", methods=["GET", "POST"])
def create():
    perm.require(perm.can_manage_org(current_user))
    form = _form(None)
    if form.validate_on_submit():
        created = attempt(
            lambda: services.create_unit(
                current_user, form.name.data, form.kind.data, queries.get_unit(form.parent_id.data)
            ),
            form=form,
            field="name",
            success=lambda unit: _("Die Einheit „%(name)s“ wurde angelegt.", name=unit.name),
        )
        if created:
            return redirect_after_post(_tree_at(created.value.id))
    return render_template("org/unit_form.html", form=form, unit=None), (422 if form.errors else 200)


@bp.route("/<int:unit_id>", methods=["GET", "POST"])
def edit(unit_id):
    perm.require(perm.can_manage_org(current_user))
    unit = queries.get_unit_or_404(unit_id)
    form = _form(unit)
    if not form.is_submitted():
        form.parent_id.data = unit.parent_id or 0
    if form.validate_on_submit():
        if attempt(
            lambda: services.update_unit(
                current_user, unit, form.name.data, form.kind.data, queries.get_unit(form.parent_id.data)
            ),
            form=form,
            field="name",
            success=_("Die Einheit wurde gespeichert."),
        ):
            return redirect_after_post(_tree_at(unit_id))
        unit = queries.get_unit_or_404(unit_id)  # as stored: the refused change was rolled back
    return render_template("org/unit_form.html", form=form, unit=unit), (422 if form.errors else 200)


def _switch(unit_id: int, change, message):
    """Deactivate or reactivate a unit (`message` names it as %(name)s): back to the tree, or to
    the unit's form when a rule refused it (the reason is in the live region)."""
    perm.require(perm.can_manage_org(current_user))
    unit = queries.get_unit_or_404(unit_id)
    if attempt(lambda: change(current_user, unit), success=lambda _result: message % {"name": unit.name}):
        return redirect_after_post(_tree_at(unit_id))
    return redirect_after_post(url_for("org.edit", unit_id=unit_id))


@bp.post("/<int:unit_id>/deaktivieren")
def deactivate(unit_id):
    return _switch(unit_id, services.deactivate_unit, _l("Die Einheit „%(name)s“ wurde deaktiviert."))


@bp.post("/<int:unit_id>/reaktivieren")
def reactivate(unit_id):
    return _switch(unit_id, services.reactivate_unit, _l("Die Einheit „%(name)s“ ist wieder aktiv."))
