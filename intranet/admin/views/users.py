"""Admins create, edit, give roles to, deactivate and reactivate people."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.admin import queries, services
from intranet.admin.forms import UserFilterForm, UserForm
from intranet.admin.views import bp
from intranet.auth import services as accounts
from intranet.domain import attempt
from intranet.exports import serve
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.org.services import org_tree
from intranet.paging import paginate


@bp.get("/personen")
def users():
    perm.require(perm.can_manage_users(current_user))
    form = UserFilterForm(request.args)
    form.validate()
    page = paginate(
        queries.user_list(
            search=None if form.q.errors else form.q.data, role=form.role.data, status=form.status.data
        )
    )
    return render_page_or_partial(
        "admin/users.html",
        "admin/partials/_user_table.html",
        "user-results",
        page=page,
        form=form,
        tree=org_tree(),
    )


@bp.get("/personen.<any(csv, xlsx):fmt>")
def users_export(fmt):
    perm.require(perm.can_manage_users(current_user))
    form = UserFilterForm(request.args)
    form.validate()
    filters = {
        "search": None if form.q.errors else form.q.data,
        "role": form.role.data,
        "status": form.status.data,
    }
    return serve.respond("admin-people", fmt, current_user, {"filters": filters}, **filters)


def _user_form(user) -> UserForm:
    form = UserForm(obj=user)
    form.set_unit_choices(org_tree().choices())
    if user is not None and request.method == "GET":
        form.is_admin.data = "admin" in user.roles
        form.guide_units.data = sorted(user.scope_unit_ids("guide"))
        form.leadership_units.data = sorted(user.scope_unit_ids("leadership"))
    return form


def _wanted_roles(form: UserForm) -> set:
    wanted = {("guide", unit_id) for unit_id in form.guide_units.data or []}
    wanted |= {("leadership", unit_id) for unit_id in form.leadership_units.data or []}
    if form.is_admin.data:
        wanted.add(("admin", None))
    return wanted


@bp.route("/personen/neu", methods=["GET", "POST"])
def create_user():
    perm.require(perm.can_manage_users(current_user))
    form = _user_form(None)
    if form.validate_on_submit():
        created = attempt(
            lambda: services.create_person(
                current_user,
                form.email.data,
                form.name.data,
                form.unit_id.data,
                form.locale.data,
                form.password.data,
                _wanted_roles(form),
            ),
            form=form,
            success=lambda user: _("%(name)s wurde angelegt.", name=user.name),
        )
        if created:
            return redirect_after_post(url_for("admin.edit_user", user_id=created.value.id))
    return render_template("admin/user_form.html", form=form, user=None), (422 if form.errors else 200)


@bp.route("/personen/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id):
    perm.require(perm.can_manage_users(current_user))
    user = queries.get_user_or_404(user_id)
    form = _user_form(user)
    if form.validate_on_submit():
        if attempt(
            lambda: services.update_person(
                current_user,
                user,
                form.email.data,
                form.name.data,
                form.unit_id.data,
                form.locale.data,
                _wanted_roles(form),
                form.password.data,
            ),
            form=form,
            success=_("Die Änderungen wurden gespeichert."),
        ):
            return redirect_after_post(url_for("admin.edit_user", user_id=user_id))
        user = queries.get_user_or_404(user_id)  # as stored: the refused change was rolled back
    return render_template("admin/user_form.html", form=form, user=user), (422 if form.errors else 200)


def _change_account(user_id: int, change, message):
    """Deactivate or reactivate an account (`message(user)` on success), back to the person's page."""
    perm.require(perm.can_manage_users(current_user))
    user = queries.get_user_or_404(user_id)
    attempt(lambda: change(current_user, user), success=lambda _result: message(user))
    return redirect_after_post(url_for("admin.edit_user", user_id=user_id))


@bp.post("/personen/<int:user_id>/deaktivieren")
def deactivate_user(user_id):
    return _change_account(
        user_id,
        accounts.deactivate_user,
        lambda user: _("%(name)s wurde deaktiviert und überall abgemeldet.", name=user.name),
    )


@bp.post("/personen/<int:user_id>/reaktivieren")
def reactivate_user(user_id):
    return _change_account(
        user_id, accounts.reactivate_user, lambda user: _("%(name)s ist wieder aktiv.", name=user.name)
    )
