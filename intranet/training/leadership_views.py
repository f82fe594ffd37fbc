"""Guides confirm practice; leadership assigns paths to units and reads aggregate reports."""

from __future__ import annotations

from flask import current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet import permissions
from intranet.extensions import db
from intranet.hx import redirect_after_post
from intranet.org.services import org_tree
from intranet.training import assignments, learning
from intranet.training.forms import AssignForm, PracticeDecisionForm, ReportFilterForm
from intranet.training.models import TrainingEnrolment, TrainingPath, TrainingPracticeRequest
from intranet.training.services import TrainingError
from intranet.training.views import bp, load_path


@bp.get("/practice")
def practice_inbox():
    permissions.require(permissions.can_view_practice_inbox(current_user))
    requests, waiting = learning.open_practice_requests(current_user)
    return render_template(
        "training/practice_inbox.html", requests=requests, waiting=waiting, form=PracticeDecisionForm()
    )


@bp.post("/practice/<int(max=2147483647):request_id>")
def decide_practice(request_id):
    practice = db.session.scalar(
        select(TrainingPracticeRequest)
        .where(TrainingPracticeRequest.id == request_id)
        .options(selectinload(TrainingPracticeRequest.enrolment).selectinload(TrainingEnrolment.user))
    )
    permissions.require(permissions.can_confirm_practice(current_user, practice), hide=True)
    form = PracticeDecisionForm()
    if form.validate_on_submit():
        try:
            learning.decide_practice(current_user, practice, bool(form.confirm.data), form.feedback.data)
        except TrainingError as error:
            db.session.rollback()
            form.feedback.errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _("Praxisnachweis bestätigt.")
                if form.confirm.data
                else _("Ihre Rückmeldung wurde gesendet."),
                "success",
            )
            return redirect_after_post(url_for("training.practice_inbox"))
    requests, waiting = learning.open_practice_requests(current_user)
    return render_template(
        "training/practice_inbox.html", requests=requests, waiting=waiting, form=form, failed_id=request_id
    ), 422


def _assign_form() -> AssignForm:
    form = AssignForm()
    scope = permissions.leadership_unit_ids(current_user)
    form.unit_id.choices = [(0, _("– bitte wählen –"))] + [
        (unit_id, label) for unit_id, label in org_tree().choices() if unit_id in scope
    ]
    return form


@bp.route("/<int(max=2147483647):path_id>/assign", methods=["GET", "POST"])
def assign(path_id):
    path = load_path(path_id)
    permissions.require(permissions.can_assign_path(current_user, path))
    form = _assign_form()
    if form.validate_on_submit():
        try:
            assignments.assign_path(current_user, path, form.unit_id.data, form.due_on.data)
        except TrainingError as error:
            db.session.rollback()
            error.show_on(form, "unit_id")
        else:
            db.session.commit()
            flash(_("Der Lernpfad wurde zugewiesen. Die Beschäftigten wurden benachrichtigt."), "success")
            return redirect_after_post(url_for("training.report", path=path.id))
    return render_template("training/assign.html", path=path, form=form), 422 if form.errors else 200


@bp.get("/report")
def report():
    permissions.require(permissions.can_view_training_report(current_user))
    form = ReportFilterForm(request.args)
    choices = db.session.execute(
        select(TrainingPath.id, TrainingPath.title)
        .where(TrainingPath.status != "draft")
        .order_by(TrainingPath.title)
    ).all()
    form.path.choices = [(i, t) for i, t in choices]
    valid_ids = {i for i, _t in choices}
    path_id = form.path.data if form.path.data in valid_ids else (choices[0][0] if choices else None)
    form.path.data = path_id
    path = db.session.get(TrainingPath, path_id) if path_id else None
    rows, hidden = assignments.unit_report(current_user, path) if path else ([], 0)
    return render_template(
        "training/report.html",
        form=form,
        path=path,
        rows=rows,
        hidden=hidden,
        assignments=assignments.assignments_in_scope(current_user),
        k=current_app.config["LOTSE_ANONYMITY_K"],
    )
