"""Creating and running a pilot: new, edit, places, sign-up window, status, participants, CSV,
messages, dates, results."""

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.exports import serve
from intranet.hx import redirect_after_post
from intranet.org.services import org_tree
from intranet.pilots import queries, services, signups
from intranet.pilots.forms import (
    CapacityForm,
    DateForm,
    MessageForm,
    PilotForm,
    RemoveForm,
    ResultsForm,
    StatusForm,
)
from intranet.pilots.models import STATUS_LABELS, Pilot
from intranet.pilots.views import bp


def _managed(pilot_id: int) -> Pilot:
    pilot = queries.get_pilot_or_404(pilot_id)
    perm.require(perm.can_manage_pilot(current_user, pilot))
    return pilot


def _pilot_form(pilot: Pilot | None) -> PilotForm:
    form = PilotForm(obj=pilot)
    form.unit_id.choices = org_tree().choices()
    form.required_path_id.choices = [(0, _("– keiner –"))] + queries.path_choices()
    if pilot is None and request.method == "GET":
        form.unit_id.data = current_user.unit_id
    if pilot is not None:
        del form.capacity  # places change on the participants page (waitlist rules)
        if request.method == "GET":
            form.owner_email.data = pilot.owner.email
            form.required_path_id.data = pilot.required_path_id or 0
    return form


def _status_form(pilot: Pilot) -> StatusForm:
    form = StatusForm(prefix="st")
    form.status.choices = [(s, STATUS_LABELS[s]) for s in services.TRANSITIONS[pilot.status]]
    return form


def _manage_page(pilot: Pilot, status: int = 200, **forms):
    context = {
        "pilot": pilot,
        "people": queries.participants(pilot),
        "tree": org_tree(),
        "capacity_form": forms.get("capacity_form") or CapacityForm(prefix="cap", capacity=pilot.capacity),
        "status_form": forms.get("status_form") or _status_form(pilot),
        "message_form": forms.get("message_form") or MessageForm(prefix="msg"),
        "date_form": forms.get("date_form") or DateForm(prefix="date"),
    }
    return render_template("pilots/manage.html", **context), status


def _back(pilot: Pilot, anchor: str):
    return redirect_after_post(url_for("pilots.manage", pilot_id=pilot.id, _anchor=anchor))


@bp.route("/neu", methods=["GET", "POST"])
def create():
    perm.require(perm.can_create_pilot(current_user))
    form = _pilot_form(None)
    if form.validate_on_submit():
        done = attempt(
            lambda: services.create_pilot(current_user, form.data_for_service()),
            form=form,
            success=_("Das Pilotprojekt wurde angelegt."),
        )
        if done:
            return redirect_after_post(url_for("pilots.manage", pilot_id=done.value.id))
    return render_template("pilots/form.html", form=form, pilot=None), 422 if form.errors else 200


@bp.route("/<int:pilot_id>/bearbeiten", methods=["GET", "POST"])
def edit(pilot_id):
    pilot = _managed(pilot_id)
    form = _pilot_form(pilot)
    if form.validate_on_submit() and attempt(
        lambda: services.update_pilot(pilot, current_user, form.data_for_service()),
        form=form,
        success=_("Die Änderungen wurden gespeichert."),
    ):
        return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id))
    return render_template("pilots/form.html", form=form, pilot=pilot), 422 if form.errors else 200


@bp.get("/<int:pilot_id>/teilnehmende")
def manage(pilot_id):
    return _manage_page(_managed(pilot_id))


def _section_post(pilot: Pilot, section: str, action, success, **form):
    """A form of the participants page (`capacity_form=form`, …): run the service and go back
    to its section (`#section`), or show the page again with the form's errors."""
    (submitted,) = form.values()
    if submitted.validate_on_submit() and attempt(action, form=submitted, success=success):
        return _back(pilot, section)
    return _manage_page(pilot, 422, **form)


def _capacity_message(promoted) -> str:
    message = _("Die Zahl der Plätze wurde gespeichert.")
    if promoted:
        message += " " + _("%(count)d Person(en) sind von der Warteliste nachgerückt.", count=len(promoted))
    return message


@bp.post("/<int:pilot_id>/plaetze")
def capacity(pilot_id):
    pilot = _managed(pilot_id)
    form = CapacityForm(prefix="cap")
    return _section_post(
        pilot,
        "plaetze",
        lambda: signups.change_capacity(pilot, current_user, form.capacity.data, form.keep_confirmed.data),
        _capacity_message,
        capacity_form=form,
    )


@bp.post("/<int:pilot_id>/anmeldung/<any(schliessen, oeffnen):action>")
def toggle_signup(pilot_id, action):
    pilot = _managed(pilot_id)
    perm.require(perm.can_open_or_close_pilot_signup(current_user, pilot))
    closing = action == "schliessen"
    attempt(
        lambda: signups.set_signup_closed(pilot, current_user, closing),
        success=_("Die Anmeldung ist geschlossen.") if closing else _("Die Anmeldung ist wieder offen."),
    )
    return _back(pilot, "plaetze")


@bp.post("/<int:pilot_id>/status")
def change_status(pilot_id):
    pilot = _managed(pilot_id)
    form = _status_form(pilot)
    return _section_post(
        pilot,
        "status",
        lambda: services.change_status(pilot, current_user, form.status.data),
        lambda _result: _("Der Status ist jetzt „%(status)s“.", status=pilot.status_label),
        status_form=form,
    )


@bp.post("/<int:pilot_id>/nachricht")
def message(pilot_id):
    pilot = _managed(pilot_id)
    form = MessageForm(prefix="msg")
    return _section_post(
        pilot,
        "nachricht",
        lambda: services.message_participants(
            pilot, current_user, form.text.data, form.include_waitlist.data
        ),
        lambda count: _("Die Nachricht ging an %(count)d Person(en).", count=count),
        message_form=form,
    )


@bp.post("/<int:pilot_id>/termine")
def add_date(pilot_id):
    pilot = _managed(pilot_id)
    form = DateForm(prefix="date")
    return _section_post(
        pilot,
        "termine",
        lambda: services.add_date(
            pilot,
            current_user,
            form.title.data,
            form.day.data,
            form.start.data,
            form.end.data,
            form.location.data,
        ),
        _("Der Termin wurde hinzugefügt."),
        date_form=form,
    )


@bp.route("/<int:pilot_id>/teilnehmende/<int:signup_id>/entfernen", methods=["GET", "POST"])
def remove(pilot_id, signup_id):
    pilot = _managed(pilot_id)
    signup = queries.get_signup_or_404(pilot, signup_id)
    form = RemoveForm()
    if form.validate_on_submit() and attempt(
        lambda: signups.remove(pilot, signup, current_user, form.reason.data),
        form=form,
        success=lambda removed: _("%(name)s wurde ausgetragen und benachrichtigt.", name=removed.user.name),
    ):
        return _back(pilot, "teilnehmende")
    status = 422 if form.errors else 200
    return render_template("pilots/remove.html", pilot=pilot, signup=signup, form=form), status


@bp.get("/<int:pilot_id>/teilnehmende.csv", defaults={"fmt": "csv"})
@bp.get("/<int:pilot_id>/teilnehmende.xlsx", defaults={"fmt": "xlsx"}, endpoint="export_xlsx")
def export(pilot_id, fmt):
    pilot = _managed(pilot_id)
    if not queries.participants(pilot):
        flash(_("Es gibt noch keine Anmeldungen – die Liste wäre leer."), "info")
        return redirect_after_post(url_for("pilots.manage", pilot_id=pilot.id))
    return serve.respond("pilot-participants", fmt, current_user, {"pilot_id": pilot.id}, pilot=pilot)


@bp.post("/<int:pilot_id>/termine/<int:date_id>/loeschen")
def delete_date(pilot_id, date_id):
    pilot = _managed(pilot_id)
    item = queries.get_date_or_404(pilot, date_id)
    attempt(lambda: services.delete_date(pilot, current_user, item), success=_("Der Termin wurde gelöscht."))
    return _back(pilot, "termine")


def _results_form(pilot: Pilot) -> ResultsForm:
    form = ResultsForm(obj=None if pilot.results_published_at is None else _ResultsData(pilot))
    form.decision_id.choices = [(0, _("– keine –"))] + queries.decision_choices()
    form.path_id.choices = [(0, _("– keiner –"))] + queries.path_choices()
    return form


@bp.route("/<int:pilot_id>/ergebnisse", methods=["GET", "POST"])
def results(pilot_id):
    pilot = _managed(pilot_id)
    form = _results_form(pilot)
    if form.validate_on_submit() and attempt(
        lambda: services.publish_results(pilot, current_user, form.data),
        form=form,
        success=_("Die Ergebnisse sind veröffentlicht; alle Teilnehmenden wurden benachrichtigt."),
    ):
        return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id, _anchor="ergebnisse"))
    status = 422 if form.errors else 200
    return render_template("pilots/results_form.html", pilot=pilot, form=form), status


class _ResultsData:
    """A tiny adapter so the results form can prefill from the pilot."""

    def __init__(self, pilot: Pilot):
        self.summary, self.worked = pilot.results_summary, pilot.results_worked
        self.not_worked = pilot.results_not_worked
        self.recommendation = pilot.results_recommendation
        self.decision_id, self.path_id = pilot.result_decision_id or 0, pilot.result_path_id or 0
