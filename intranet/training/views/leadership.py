"""Guides confirm practice; leadership assigns paths to units and reads aggregate reports."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.hx import redirect_after_post
from intranet.org.services import org_tree
from intranet.paging import paginate
from intranet.training import assignments, learning, queries
from intranet.training.forms import AssignForm, PracticeDecisionForm, ReportFilterForm
from intranet.training.views import bp
from intranet.training.views.loading import viewable_path


def _practice_inbox(form, failed_id=None, status=200):
    page = paginate(queries.practice_requests_waiting(current_user.scope_unit_ids("guide")))
    return render_template("training/practice_inbox.html", page=page, form=form, failed_id=failed_id), status


@bp.get("/praxisnachweise")
def practice_inbox():
    perm.require(perm.can_view_practice_inbox(current_user))
    return _practice_inbox(PracticeDecisionForm())


@bp.post("/praxisnachweise/<int:request_id>")
def decide_practice(request_id):
    practice = queries.get_practice_request_or_404(request_id)
    perm.require(perm.can_confirm_practice(current_user, practice), hide=True)
    form = PracticeDecisionForm()
    if form.validate_on_submit() and attempt(
        lambda: learning.decide_practice(current_user, practice, bool(form.confirm.data), form.feedback.data),
        form=form,
        field="feedback",
        success=_("Praxisnachweis bestätigt.")
        if form.confirm.data
        else _("Ihre Rückmeldung wurde gesendet."),
    ):
        return redirect_after_post(url_for("training.practice_inbox"))
    return _practice_inbox(form, failed_id=request_id, status=422)


def _assign_form() -> AssignForm:
    form = AssignForm()
    scope = perm.leadership_unit_ids(current_user)
    form.unit_id.choices = [(0, _("– bitte wählen –"))] + [
        (unit_id, label) for unit_id, label in org_tree().choices() if unit_id in scope
    ]
    return form


@bp.route("/<int:path_id>/zuweisen", methods=["GET", "POST"])
def assign(path_id):
    path = viewable_path(path_id)
    perm.require(perm.can_assign_path(current_user, path))
    form = _assign_form()
    if form.validate_on_submit() and attempt(
        lambda: assignments.assign_path(current_user, path, form.unit_id.data, form.due_on.data),
        form=form,
        field="unit_id",
        success=_("Der Lernpfad wurde zugewiesen. Die Beschäftigten wurden benachrichtigt."),
    ):
        return redirect_after_post(url_for("training.report", path=path.id))
    return render_template("training/assign.html", path=path, form=form), 422 if form.errors else 200


@bp.get("/bericht")
def report():
    perm.require(perm.can_view_training_report(current_user))
    form = ReportFilterForm(request.args)
    choices = queries.report_path_choices()
    form.path.choices = choices
    valid_ids = {i for i, _t in choices}
    path_id = form.path.data if form.path.data in valid_ids else (choices[0][0] if choices else None)
    form.path.data = path_id
    path = queries.get_path(path_id)
    rows, hidden = assignments.unit_report(current_user, path) if path else ([], 0)
    return render_template(
        "training/report.html",
        form=form,
        path=path,
        rows=rows,
        hidden=hidden,
        assignments=paginate(queries.assignments_to(perm.leadership_unit_ids(current_user))),
        k=current_app.config["LOTSE_ANONYMITY_K"],
    )
