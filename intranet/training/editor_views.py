"""Editing training paths in the browser (guides and admins)."""

from __future__ import annotations

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from intranet import permissions
from intranet.extensions import db
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.markdown import render_markdown
from intranet.topics.services import topic_choices
from intranet.training import services
from intranet.training.forms import MoveForm, PathForm, QuestionForm, StatusForm, StepForm
from intranet.training.models import TrainingPath
from intranet.training.services import PathData, StepData, TrainingError
from intranet.training.views import bp, load_path, load_step


def _path_form(path: TrainingPath | None) -> PathForm:
    form = PathForm(obj=path)
    form.topic_id.choices = topic_choices(_("Kein Thema"))
    others = db.session.execute(
        select(TrainingPath.id, TrainingPath.title)
        .where(TrainingPath.status != "archived")
        .order_by(TrainingPath.title)
    ).all()
    form.prerequisite_ids.choices = [(i, t) for i, t in others if path is None or i != path.id]
    if path is not None and request.method == "GET":
        form.prerequisite_ids.data = [p.id for p in path.prerequisites]
        form.topic_id.data = path.topic_id or 0
    return form


def _path_data(form: PathForm) -> PathData:
    return PathData(
        form.title.data,
        form.summary.data,
        form.level.data,
        form.audience.data,
        form.estimated_minutes.data,
        form.topic_id.data or None,
        form.is_sequential.data,
        form.prerequisite_ids.data or [],
    )


def _save_path(path, form):
    """Shared by create and edit: validate, save, or re-render with errors or a preview."""
    preview = render_markdown(form.summary.data) if form.preview.data else None
    if not form.preview.data and form.validate_on_submit():
        try:
            path = services.save_path(current_user, path, _path_data(form))
        except TrainingError as error:
            db.session.rollback()
            error.show_on(form, "title")
        else:
            db.session.commit()
            flash(_("Der Lernpfad wurde gespeichert."), "success")
            return redirect_after_post(url_for("training.editor", path_id=path.id))
    status = 422 if form.errors else 200
    return render_template("training/path_form.html", form=form, path=path, preview=preview), status


@bp.route("/new", methods=["GET", "POST"])
def create_path():
    permissions.require(permissions.can_create_path(current_user))
    return _save_path(None, _path_form(None))


@bp.route("/<int(max=2147483647):path_id>/edit", methods=["GET", "POST"])
def edit_path(path_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    return _save_path(path, _path_form(path))


@bp.post("/preview")
def preview():
    """Markdown preview for the editor (htmx); the no-JS path posts the whole form instead."""
    permissions.require(permissions.can_create_path(current_user))
    text = next((request.form[key] for key in ("summary", "body") if key in request.form), "")
    return render_template("training/partials/_preview.html", preview=render_markdown(text[:50000]))


@bp.get("/<int(max=2147483647):path_id>/editor")
def editor(path_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    return render_page_or_partial(
        "training/editor.html",
        "training/partials/_step_list.html",
        "step-list",
        path=path,
        form=FlaskForm(),
        step_form=StepForm(),
    )


@bp.post("/<int(max=2147483647):path_id>/status")
def change_status(path_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    form = StatusForm()
    try:
        services.change_status(current_user, path, form.status.data or "")
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Der Status wurde geändert."), "success")
    return redirect_after_post(url_for("training.editor", path_id=path_id))


def _step_data(form: StepForm, kind: str) -> StepData:
    return StepData(
        kind,
        form.title.data or "",
        form.body.data or "",
        form.url.data or "",
        form.pass_mark.data or 0,
        form.session_starts_at.utc,
        form.session_ends_at.utc,
        form.session_place.data or "",
        form.capacity.data or 0,
    )


@bp.post("/<int(max=2147483647):path_id>/steps/new")
def add_step(path_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    form = StepForm()
    if form.validate_on_submit():
        try:
            step = services.add_step(current_user, path, _step_data(form, form.kind.data))
        except TrainingError as error:
            db.session.rollback()
            error.show_on(form, "title")
        else:
            db.session.commit()
            flash(_("Der Schritt wurde hinzugefügt."), "success")
            return redirect_after_post(url_for("training.edit_step", path_id=path.id, step_id=step.id))
    path = load_path(path_id)
    return render_template("training/editor.html", path=path, form=FlaskForm(), step_form=form), 422


@bp.route("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/edit", methods=["GET", "POST"])
def edit_step(path_id, step_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    step = load_step(path, step_id)
    form = StepForm(obj=step)
    if request.method == "GET":
        form.session_starts_at.set_utc(step.session_starts_at)
        form.session_ends_at.set_utc(step.session_ends_at)
    preview = render_markdown(form.body.data) if form.preview.data else None
    if not form.preview.data and form.validate_on_submit():
        try:
            told = services.update_step(
                current_user, step, _step_data(form, step.kind), form.mark_updated.data
            )
        except TrainingError as error:
            db.session.rollback()
            error.show_on(form, "title")
        else:
            db.session.commit()
            flash(
                _("Der Schritt wurde gespeichert.")
                + (" " + _("%(count)d Personen wurden benachrichtigt.", count=told) if told else ""),
                "success",
            )
            return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
    return render_template(
        "training/step_form.html",
        path=path,
        step=step,
        form=form,
        preview=preview,
        question_form=QuestionForm(prefix="question"),
    ), 422 if form.errors else 200


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/move")
def move_step(path_id, step_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    step = load_step(path, step_id)
    form, status = MoveForm(), 200
    try:
        position = form.position.data if form.validate_on_submit() else None
        services.move_step(current_user, step, position)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        path, status = load_path(path_id), 422
    else:
        db.session.commit()
        flash(
            _("„%(title)s“ steht jetzt an Position %(position)d.", title=step.title, position=step.position),
            "success",
        )
        if not wants_partial("step-list"):
            return redirect_after_post(url_for("training.editor", path_id=path_id))
    return render_page_or_partial(
        "training/editor.html",
        "training/partials/_step_list.html",
        "step-list",
        path=path,
        form=FlaskForm(),
        step_form=StepForm(),
        moved_step_id=step_id,
        moved_direction=request.form.get("direction"),
    ), status


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/delete")
def remove_step(path_id, step_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    step = load_step(path, step_id)
    try:
        services.remove_step(current_user, step)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Der Schritt wurde entfernt."), "success")
    return redirect_after_post(url_for("training.editor", path_id=path_id))


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/questions")
def add_question(path_id, step_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    step = load_step(path, step_id)
    form = QuestionForm(prefix="question")
    if form.validate_on_submit():
        try:
            services.add_question(current_user, step, form.text.data, form.explanation.data, form.options())
        except TrainingError as error:
            db.session.rollback()
            error.show_on(form, "text")
        else:
            db.session.commit()
            flash(_("Die Frage wurde hinzugefügt."), "success")
            return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
    path = load_path(path_id)
    step = load_step(path, step_id)
    step_form = StepForm(obj=step)
    step_form.session_starts_at.set_utc(step.session_starts_at)
    step_form.session_ends_at.set_utc(step.session_ends_at)
    return render_template(
        "training/step_form.html", path=path, step=step, form=step_form, preview=None, question_form=form
    ), 422


@bp.post(
    "/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/questions/<int(max=2147483647):question_id>/delete"
)
def remove_question(path_id, step_id, question_id):
    path = load_path(path_id)
    permissions.require(permissions.can_edit_path(current_user, path), hide=True)
    step = load_step(path, step_id)
    question = next((q for q in step.questions if q.id == question_id), None)
    permissions.require(question is not None, hide=True)
    try:
        services.remove_question(current_user, question)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Die Frage wurde entfernt."), "success")
    return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
