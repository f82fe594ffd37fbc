"""Pilot projects for everyone: list, pilot page, iCal, sign-up and withdrawal, lessons learned."""

from flask import Blueprint, Response, abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from intranet import clock, permissions
from intranet.audit.services import record
from intranet.extensions import db
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.org.services import org_tree
from intranet.pilots import exports, services, signups
from intranet.pilots.errors import PilotError
from intranet.pilots.forms import FilterForm, PilotForm, SignupForm
from intranet.pilots.models import ACTIVE, Pilot, PilotSignup

bp = Blueprint("pilots", __name__, url_prefix="/pilots")
PER_PAGE = 20


@bp.before_request
@login_required
def _signed_in():
    """Every pilot page needs a signed-in user; each view checks its own permission."""


def load_or_404(pilot_id: int) -> Pilot:
    pilot = services.load_pilot(pilot_id)
    if pilot is None:
        abort(404)
    return pilot


def _my_signups(pilot_ids) -> dict[int, PilotSignup]:
    rows = db.session.scalars(
        select(PilotSignup).where(
            PilotSignup.user_id == current_user.id,
            PilotSignup.pilot_id.in_(list(pilot_ids)),
            PilotSignup.status.in_(ACTIVE),
        )
    ).all()
    return {row.pilot_id: row for row in rows}


@bp.get("/")
def index():
    form = FilterForm(request.args)
    tree = org_tree()
    form.unit.choices = [("", _("Alle Einheiten"))] + [(str(i), n) for i, n in tree.choices()]
    query = select(Pilot).options(joinedload(Pilot.unit))
    if form.status.data in services.STATUS_LABELS:
        query = query.where(Pilot.status == form.status.data)
    if (form.unit.data or "").isdigit() and tree.get(int(form.unit.data)):
        query = query.where(Pilot.unit_id.in_(tree.descendant_ids(int(form.unit.data))))
    if form.open_only.data:
        today = clock.local_today()
        query = query.where(
            Pilot.status == "open",
            Pilot.is_signup_closed.is_(False),
            or_(Pilot.signup_deadline.is_(None), Pilot.signup_deadline >= today),
        )
    query = query.order_by((Pilot.status == "open").desc(), Pilot.starts_on.desc(), Pilot.id.desc())
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    mine = _my_signups(pilot.id for pilot in page.items)
    return render_page_or_partial(
        "pilots/index.html", "pilots/partials/_results.html", "pilot-results", form=form, page=page, mine=mine
    )


@bp.get("/gelernt")
def lessons():
    """ "Was haben wir gelernt?": every pilot with published results."""
    query = (
        select(Pilot)
        .options(joinedload(Pilot.unit), joinedload(Pilot.result_decision), joinedload(Pilot.result_path))
        .where(Pilot.results_published_at.is_not(None))
        .order_by(Pilot.results_published_at.desc(), Pilot.id.desc())
    )
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("pilots/lessons.html", page=page)


def _signup_context(pilot: Pilot, form: SignupForm | None = None) -> dict:
    signup = signups.signup_of(pilot, current_user)
    signup = signup if signup is not None and signup.is_active else None
    blocked = None
    if signup is None:
        try:
            signups.check_can_sign_up(pilot, current_user)
        except PilotError as error:
            blocked = error
    return {
        "pilot": pilot,
        "signup": signup,
        "form": form or SignupForm(),
        "blocked": blocked,
        "rank": signups.waitlist_rank(signup) if signup else None,
        "can_manage": permissions.can_manage_pilot(current_user, pilot),
    }


@bp.get("/<int:pilot_id>")
def detail(pilot_id):
    pilot = load_or_404(pilot_id)
    return render_template("pilots/detail.html", **_signup_context(pilot))


@bp.get("/<int:pilot_id>/termine.ics")
def calendar(pilot_id):
    pilot = load_or_404(pilot_id)
    body = exports.pilot_calendar(pilot, current_app.config["LOTSE_BASE_URL"])
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="pilotprojekt-{pilot.id}.ics"'},
    )


def _signup_done(pilot: Pilot, status: int = 200):
    if wants_partial("signup-region"):
        return render_template("pilots/partials/_signup.html", **_signup_context(pilot)), status
    return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id))


@bp.post("/<int:pilot_id>/anmelden")
def sign_up(pilot_id):
    pilot = load_or_404(pilot_id)
    permissions.require(permissions.can_sign_up_for_pilot(current_user, pilot))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            signup = signups.sign_up(pilot, current_user, form.motivation.data)
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            db.session.commit()
            flash(_signup_message(signup), "success")
            return _signup_done(pilot)
    context = _signup_context(load_or_404(pilot_id), form)
    template = "pilots/partials/_signup.html" if wants_partial("signup-region") else "pilots/detail.html"
    return render_template(template, **context), 422


def _add_error(form, error: PilotError) -> None:
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


def _signup_message(signup: PilotSignup) -> str:
    if signup.status == "confirmed":
        return _("Sie sind angemeldet. Ihr Platz ist bestätigt.")
    return _(
        "Alle Plätze sind belegt. Sie stehen auf der Warteliste, Platz %(rank)d.",
        rank=signups.waitlist_rank(signup),
    )


@bp.post("/<int:pilot_id>/abmelden")
def withdraw(pilot_id):
    pilot = load_or_404(pilot_id)
    try:
        signups.withdraw(pilot, current_user)
    except PilotError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _signup_done(load_or_404(pilot_id), 422 if wants_partial("signup-region") else 200)
    db.session.commit()
    flash(_("Sie haben sich abgemeldet."), "success")
    return _signup_done(pilot)


@bp.route("/neu", methods=["GET", "POST"])
def create():
    permissions.require(permissions.can_create_pilot(current_user))
    form = pilot_form(None)
    if form.validate_on_submit():
        try:
            owner = services.find_owner(form.owner_email.data) if form.owner_email.data else None
            pilot = services.create_pilot(current_user, form.data_for_service(), owner)
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            record(current_user, "pilot_created", pilot, summary=pilot.title)
            db.session.commit()
            flash(_("Das Pilotprojekt wurde angelegt."), "success")
            return redirect_after_post(url_for("pilots.manage", pilot_id=pilot.id))
    return render_template("pilots/form.html", form=form, pilot=None), 422 if form.errors else 200


def pilot_form(pilot: Pilot | None) -> PilotForm:
    form = PilotForm(obj=pilot)
    form.unit_id.choices = org_tree().choices()
    form.required_path_id.choices = [(0, _("– keiner –"))] + services.path_choices()
    if pilot is None and request.method == "GET":
        form.unit_id.data = current_user.unit_id
    if pilot is not None:
        del form.capacity  # places change on the participants page (waitlist rules)
        if request.method == "GET":
            form.owner_email.data = pilot.owner.email
            form.required_path_id.data = pilot.required_path_id or 0
    return form


@bp.app_template_global()
def training_path_url(path_id: int) -> str:
    """Link to a training path's page (the training feature owns that URL)."""
    return url_for("training.path_page", path_id=path_id)


@bp.app_template_global()
def decision_url(decision_id: int) -> str:
    """Link to a decision's page (the decisions feature owns that URL)."""
    return url_for("decisions.detail", decision_id=decision_id)


from intranet.pilots import manage_views  # noqa: E402,F401 - owner routes on the same blueprint
