"""Pilot projects for everyone: list, pilot page, iCal, sign-up and withdrawal, lessons learned."""

from flask import Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.org.services import org_tree
from intranet.paging import paginate
from intranet.pilots import exports, queries, signups
from intranet.pilots.forms import FilterForm, SignupForm
from intranet.pilots.models import Pilot, PilotSignup
from intranet.pilots.views import bp

SIGNUP_REGION = "signup-region"


@bp.get("/")
def index():
    form = FilterForm(request.args)
    tree = org_tree()
    form.unit.choices = [("", _("Alle Einheiten"))] + [(str(i), n) for i, n in tree.choices()]
    page = paginate(queries.pilots(tree, form.status.data, form.unit.data, form.open_only.data))
    mine = queries.active_signups_by_pilot(current_user, (pilot.id for pilot in page.items))
    return render_page_or_partial(
        "pilots/index.html", "pilots/partials/_results.html", "pilot-results", form=form, page=page, mine=mine
    )


@bp.get("/gelernt")
def lessons():
    """ "Was haben wir gelernt?": every pilot with published results."""
    return render_template("pilots/lessons.html", page=paginate(queries.with_results()))


def _signup_context(pilot: Pilot, form: SignupForm | None = None) -> dict:
    signup = queries.signup_of(pilot, current_user)
    signup = signup if signup is not None and signup.is_active else None
    return {
        "pilot": pilot,
        "signup": signup,
        "form": form or SignupForm(),
        "blocked": None if signup else signups.sign_up_blocker(pilot, current_user),
        "rank": queries.waitlist_rank(signup) if signup else None,
    }


@bp.get("/<int:pilot_id>")
def detail(pilot_id):
    pilot = queries.get_pilot_or_404(pilot_id)
    return render_template("pilots/detail.html", **_signup_context(pilot))


@bp.get("/<int:pilot_id>/termine.ics")
def calendar(pilot_id):
    pilot = queries.get_pilot_or_404(pilot_id)
    return Response(
        exports.pilot_calendar(pilot),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="pilotprojekt-{pilot.id}.ics"'},
    )


def _signup_box(pilot: Pilot, form: SignupForm | None = None, status: int = 200):
    """The sign-up box for htmx, else the pilot page (after a POST that held: a redirect)."""
    if wants_partial(SIGNUP_REGION):
        return render_template("pilots/partials/_signup.html", **_signup_context(pilot, form)), status
    if status == 422 and form is not None:
        return render_template("pilots/detail.html", **_signup_context(pilot, form)), status
    return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id))


def _signup_message(signup: PilotSignup) -> str:
    if signup.status == "confirmed":
        return _("Sie sind angemeldet. Ihr Platz ist bestätigt.")
    return _(
        "Alle Plätze sind belegt. Sie stehen auf der Warteliste, Platz %(rank)d.",
        rank=queries.waitlist_rank(signup),
    )


@bp.post("/<int:pilot_id>/anmelden")
def sign_up(pilot_id):
    pilot = queries.get_pilot_or_404(pilot_id)
    perm.require(perm.can_sign_up_for_pilot(current_user, pilot))
    form = SignupForm()
    if form.validate_on_submit() and attempt(
        lambda: signups.sign_up(pilot, current_user, form.motivation.data), form=form, success=_signup_message
    ):
        return _signup_box(pilot)
    return _signup_box(pilot, form, 422)


@bp.post("/<int:pilot_id>/abmelden")
def withdraw(pilot_id):
    pilot = queries.get_pilot_or_404(pilot_id)
    if attempt(lambda: signups.withdraw(pilot, current_user), success=_("Sie haben sich abgemeldet.")):
        return _signup_box(pilot)
    # The reason is a message in the live region; the box (or page) shows the unchanged state.
    return _signup_box(pilot, status=422)
