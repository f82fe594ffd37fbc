"""Owner tools: edit, places, sign-up window, status, participants, CSV, messages, dates, results."""

from flask import Response, abort, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions
from intranet.audit.services import record
from intranet.extensions import db
from intranet.hx import redirect_after_post
from intranet.org.services import org_tree
from intranet.pilots import exports, services, signups
from intranet.pilots.errors import PilotError
from intranet.pilots.forms import CapacityForm, DateForm, MessageForm, RemoveForm, ResultsForm, StatusForm
from intranet.pilots.models import PilotDate, PilotSignup
from intranet.pilots.views import _add_error, bp, load_or_404, pilot_form


def _managed(pilot_id: int):
    pilot = load_or_404(pilot_id)
    permissions.require(permissions.can_manage_pilot(current_user, pilot))
    return pilot


def _manage_page(pilot, status: int = 200, **forms):
    status_form = forms.get("status_form") or StatusForm(prefix="st")
    status_form.status.choices = [(s, services.STATUS_LABELS[s]) for s in services.TRANSITIONS[pilot.status]]
    context = {
        "pilot": pilot,
        "people": services.participants(pilot),
        "tree": org_tree(),
        "capacity_form": forms.get("capacity_form") or CapacityForm(prefix="cap", capacity=pilot.capacity),
        "status_form": status_form,
        "message_form": forms.get("message_form") or MessageForm(prefix="msg"),
        "date_form": forms.get("date_form") or DateForm(prefix="date"),
    }
    return render_template("pilots/manage.html", **context), status


def _back(pilot, anchor: str = ""):
    return redirect_after_post(url_for("pilots.manage", pilot_id=pilot.id) + anchor)


@bp.get("/<int:pilot_id>/teilnehmende")
def manage(pilot_id):
    return _manage_page(_managed(pilot_id))


@bp.route("/<int:pilot_id>/bearbeiten", methods=["GET", "POST"])
def edit(pilot_id):
    pilot = _managed(pilot_id)
    form = pilot_form(pilot)
    if form.validate_on_submit():
        try:
            owner = services.find_owner(form.owner_email.data) if form.owner_email.data else None
            services.update_pilot(pilot, current_user, form.data_for_service(), owner)
        except PilotError as error:
            db.session.rollback()
            pilot = load_or_404(pilot_id)
            _add_error(form, error)
        else:
            record(current_user, "pilot_updated", pilot, summary=pilot.title)
            db.session.commit()
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id))
    return render_template("pilots/form.html", form=form, pilot=pilot), 422 if form.errors else 200


@bp.post("/<int:pilot_id>/plaetze")
def capacity(pilot_id):
    pilot = _managed(pilot_id)
    form = CapacityForm(prefix="cap")
    if form.validate_on_submit():
        try:
            promoted = signups.change_capacity(
                pilot, current_user, form.capacity.data, form.keep_confirmed.data
            )
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            record(
                current_user,
                "pilot_capacity_changed",
                pilot,
                summary=pilot.title,
                capacity=pilot.capacity,
                promoted=len(promoted),
            )
            db.session.commit()
            flash(
                _("Die Zahl der Plätze wurde gespeichert.")
                + (
                    " " + _("%(count)d Person(en) sind von der Warteliste nachgerückt.", count=len(promoted))
                    if promoted
                    else ""
                ),
                "success",
            )
            return _back(pilot, "#plaetze")
    return _manage_page(load_or_404(pilot_id), 422, capacity_form=form)


@bp.post("/<int:pilot_id>/anmeldung/<any(schliessen, oeffnen):action>")
def toggle_signup(pilot_id, action):
    pilot = _managed(pilot_id)
    signups.set_signup_closed(pilot, current_user, action == "schliessen")
    db.session.commit()
    flash(
        _("Die Anmeldung ist geschlossen.")
        if action == "schliessen"
        else _("Die Anmeldung ist wieder offen."),
        "success",
    )
    return _back(pilot, "#plaetze")


@bp.post("/<int:pilot_id>/status")
def change_status(pilot_id):
    pilot = _managed(pilot_id)
    form = StatusForm(prefix="st")
    form.status.choices = [(s, services.STATUS_LABELS[s]) for s in services.TRANSITIONS[pilot.status]]
    if form.validate_on_submit():
        try:
            services.change_status(pilot, current_user, form.status.data)
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            record(current_user, "pilot_status_changed", pilot, summary=pilot.title, status=pilot.status)
            db.session.commit()
            flash(_("Der Status ist jetzt „%(status)s“.", status=pilot.status_label), "success")
            return _back(pilot, "#status")
    return _manage_page(load_or_404(pilot_id), 422, status_form=form)


def _signup_of_pilot(pilot, signup_id: int) -> PilotSignup:
    signup = db.session.get(PilotSignup, signup_id)
    if signup is None or signup.pilot_id != pilot.id:
        abort(404)
    return signup


@bp.route("/<int:pilot_id>/teilnehmende/<int:signup_id>/entfernen", methods=["GET", "POST"])
def remove(pilot_id, signup_id):
    pilot = _managed(pilot_id)
    signup = _signup_of_pilot(pilot, signup_id)
    form = RemoveForm()
    if form.validate_on_submit():
        try:
            signups.remove(pilot, signup, current_user, form.reason.data)
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            record(current_user, "pilot_participant_removed", pilot, summary=pilot.title, signup_id=signup.id)
            db.session.commit()
            flash(_("%(name)s wurde ausgetragen und benachrichtigt.", name=signup.user.name), "success")
            return _back(pilot, "#teilnehmende")
    return render_template("pilots/remove.html", pilot=pilot, signup=signup, form=form), (
        422 if form.errors else 200
    )


@bp.get("/<int:pilot_id>/teilnehmende.csv")
def export(pilot_id):
    pilot = _managed(pilot_id)
    people = services.participants(pilot)
    if not people:
        flash(_("Es gibt noch keine Anmeldungen – die Liste wäre leer."), "info")
        return redirect_after_post(url_for("pilots.manage", pilot_id=pilot.id))
    names = {unit.id: unit.name for unit in org_tree().units.values()}
    return Response(
        exports.participants_csv(pilot, people, names),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="pilotprojekt-{pilot.id}-teilnehmende.csv"'},
    )


@bp.post("/<int:pilot_id>/nachricht")
def message(pilot_id):
    pilot = _managed(pilot_id)
    form = MessageForm(prefix="msg")
    if form.validate_on_submit():
        try:
            count = services.message_participants(
                pilot, current_user, form.text.data, form.include_waitlist.data
            )
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            db.session.commit()
            flash(_("Die Nachricht ging an %(count)d Person(en).", count=count), "success")
            return _back(pilot, "#nachricht")
    return _manage_page(load_or_404(pilot_id), 422, message_form=form)


@bp.post("/<int:pilot_id>/termine")
def add_date(pilot_id):
    pilot = _managed(pilot_id)
    form = DateForm(prefix="date")
    if form.validate_on_submit():
        try:
            services.add_date(
                pilot,
                current_user,
                form.title.data,
                form.day.data,
                form.start.data,
                form.end.data,
                form.location.data,
            )
        except PilotError as error:
            db.session.rollback()
            _add_error(form, error)
        else:
            db.session.commit()
            flash(_("Der Termin wurde hinzugefügt."), "success")
            return _back(pilot, "#termine")
    return _manage_page(load_or_404(pilot_id), 422, date_form=form)


@bp.post("/<int:pilot_id>/termine/<int:date_id>/loeschen")
def delete_date(pilot_id, date_id):
    pilot = _managed(pilot_id)
    item = db.session.get(PilotDate, date_id)
    if item is None or item.pilot_id != pilot.id:
        abort(404)
    services.delete_date(pilot, current_user, item)
    db.session.commit()
    flash(_("Der Termin wurde gelöscht."), "success")
    return _back(pilot, "#termine")


@bp.route("/<int:pilot_id>/ergebnisse", methods=["GET", "POST"])
def results(pilot_id):
    pilot = _managed(pilot_id)
    form = ResultsForm(obj=None if pilot.results_published_at is None else _results_data(pilot))
    form.decision_id.choices = [(0, _("– keine –"))] + services.decision_choices()
    form.path_id.choices = [(0, _("– keiner –"))] + services.path_choices()
    if form.validate_on_submit():
        try:
            services.publish_results(pilot, current_user, form.data)
        except PilotError as error:
            db.session.rollback()
            pilot = load_or_404(pilot_id)
            _add_error(form, error)
        else:
            record(current_user, "pilot_results_published", pilot, summary=pilot.title)
            db.session.commit()
            flash(
                _("Die Ergebnisse sind veröffentlicht; alle Teilnehmenden wurden benachrichtigt."), "success"
            )
            return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id) + "#ergebnisse")
    return render_template("pilots/results_form.html", pilot=pilot, form=form), (422 if form.errors else 200)


class _results_data:  # noqa: N801 - a tiny adapter so the form can prefill from the pilot
    def __init__(self, pilot):
        self.summary, self.worked = pilot.results_summary, pilot.results_worked
        self.not_worked = pilot.results_not_worked
        self.recommendation = pilot.results_recommendation
        self.decision_id, self.path_id = pilot.result_decision_id or 0, pilot.result_path_id or 0
