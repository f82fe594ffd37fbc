"""Administration: people and their roles, CSV import, audit log."""

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from intranet import permissions
from intranet.admin.forms import AuditFilterForm, ImportForm, UserFilterForm, UserForm
from intranet.audit.models import AuditEntry
from intranet.auth import services as accounts
from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.org import importer
from intranet.org.services import org_tree

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _signed_in():
    """Every admin page needs a signed-in user; each view checks its own permission."""


def _load_user(user_id: int) -> User:
    user = db.session.scalar(
        select(User).options(selectinload(User.role_assignments)).where(User.id == user_id)
    )
    if user is None:
        abort(404)
    return user


@bp.get("/users")
def users():
    permissions.require(permissions.can_manage_users(current_user))
    form = UserFilterForm(request.args)
    query = select(User).options(selectinload(User.role_assignments)).order_by(User.name, User.id)
    if form.q.data:
        pattern = f"%{form.q.data.strip().lower()}%"
        query = query.where(or_(db.func.lower(User.name).like(pattern), User.email.like(pattern)))
    if form.role.data in ("guide", "leadership", "admin"):
        query = query.where(
            User.id.in_(select(RoleAssignment.user_id).where(RoleAssignment.role == form.role.data))
        )
    if form.status.data != "all":
        query = query.where(User.is_active_account.is_(form.status.data != "inactive"))
    page = db.paginate(query, per_page=25, error_out=False)
    return render_page_or_partial(
        "admin/users.html",
        "admin/partials/_user_table.html",
        "user-results",
        page=page,
        form=form,
        tree=org_tree(),
    )


def _user_form(user: User | None) -> UserForm:
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


@bp.route("/users/new", methods=["GET", "POST"])
def create_user():
    permissions.require(permissions.can_manage_users(current_user))
    form = _user_form(None)
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                current_user,
                form.email.data,
                form.name.data,
                form.unit_id.data,
                form.locale.data,
                form.password.data,
            )
            accounts.set_roles(current_user, user, _wanted_roles(form))
        except accounts.AccountError as error:
            db.session.rollback()
            error.show_on(form, "email")
        else:
            db.session.commit()
            flash(_("%(name)s wurde angelegt.", name=user.name), "success")
            return redirect_after_post(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=None), (422 if form.errors else 200)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id):
    permissions.require(permissions.can_manage_users(current_user))
    user = _load_user(user_id)
    form = _user_form(user)
    if form.validate_on_submit():
        try:
            accounts.update_user(
                current_user, user, form.email.data, form.name.data, form.unit_id.data, form.locale.data
            )
            accounts.set_roles(current_user, user, _wanted_roles(form))
            if form.password.data:
                accounts.set_password(user, form.password.data, actor=current_user)
        except accounts.AccountError as error:
            db.session.rollback()
            user = _load_user(user_id)
            error.show_on(form, "email")
        else:
            db.session.commit()
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect_after_post(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=user), (422 if form.errors else 200)


@bp.post("/users/<int:user_id>/deactivate")
def deactivate_user(user_id):
    permissions.require(permissions.can_manage_users(current_user))
    user = _load_user(user_id)
    try:
        accounts.deactivate_user(current_user, user)
    except accounts.AccountError as error:
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("%(name)s wurde deaktiviert und überall abgemeldet.", name=user.name), "success")
    return redirect_after_post(url_for("admin.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/reactivate")
def reactivate_user(user_id):
    permissions.require(permissions.can_manage_users(current_user))
    user = _load_user(user_id)
    try:
        accounts.reactivate_user(current_user, user)
    except accounts.AccountError as error:
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("%(name)s ist wieder aktiv.", name=user.name), "success")
    return redirect_after_post(url_for("admin.edit_user", user_id=user.id))


@bp.route("/import", methods=["GET", "POST"])
def import_staff():
    permissions.require(permissions.can_import_staff(current_user))
    form = ImportForm()
    result = errors = None
    if form.validate_on_submit():
        try:
            result = importer.import_staff(current_user, form.file.data.read(), form.create_units.data)
            db.session.commit()
        except importer.ImportFailed as failure:
            db.session.rollback()
            errors = failure.errors
            form.file.errors.append(
                _(
                    "Die Datei wurde nicht importiert: %(count)d Fehler. Es wurde nichts geändert.",
                    count=len(errors),
                )
            )
    status = 422 if form.errors else 200
    return render_template("admin/import.html", form=form, result=result, errors=errors), status


@bp.get("/audit")
def audit_log():
    permissions.require(permissions.can_view_audit_log(current_user))
    form = AuditFilterForm(request.args)
    query = (
        select(AuditEntry)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    if form.action.data:
        query = query.where(AuditEntry.action == form.action.data.strip())
    page = db.paginate(query, per_page=50, error_out=False)
    return render_template("admin/audit.html", page=page, form=form)


from intranet.admin import topic_views  # noqa: E402,F401 - registers the topic routes on bp
