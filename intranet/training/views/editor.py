"""Editing training paths in the browser (guides and admins)."""

from __future__ import annotations

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.markdown import render_markdown
from intranet.topics.services import topic_choices
from intranet.training import queries, services
from intranet.training.forms import MoveForm, PathForm, QuestionForm, StatusForm, StepForm
from intranet.training.models import TrainingPath
from intranet.training.services import PathData, StepData
from intranet.training.views import bp
from intranet.training.views.loading import editable_path, editable_step


def _path_form(path: TrainingPath | None) -> PathForm:
    form = PathForm(obj=path)
    form.topic_id.choices = topic_choices(_("Kein Thema"))
    form.prerequisite_ids.choices = queries.prerequisite_choices(path)
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
        saved = attempt(
            lambda: services.save_path(current_user, path, _path_data(form)),
            form=form,
            field="title",
            success=_("Der Lernpfad wurde gespeichert."),
        )
        if saved:
            return redirect_after_post(url_for("training.editor", path_id=saved.value.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("training/path_form.html", form=form, path=path, preview=preview), status


@bp.route("/neu", methods=["GET", "POST"])
def create_path():
    perm.require(perm.can_create_path(current_user))
    return _save_path(None, _path_form(None))


@bp.route("/<int:path_id>/bearbeiten", methods=["GET", "POST"])
def edit_path(path_id):
    path = editable_path(path_id)
    return _save_path(path, _path_form(path))


@bp.post("/vorschau")
def preview():
    """Markdown preview for the editor (htmx); the no-JS path posts the whole form instead."""
    perm.require(perm.can_create_path(current_user))
    text = next((request.form[key] for key in ("summary", "body") if key in request.form), "")
    return render_template("training/partials/_preview.html", preview=render_markdown(text[:50000]))


def _editor_page(path, step_form=None, **extra):
    return render_page_or_partial(
        "training/editor.html",
        "training/partials/_step_list.html",
        "step-list",
        path=path,
        form=FlaskForm(),
        step_form=step_form or StepForm(),
        **extra,
    )


@bp.get("/<int:path_id>/aufbau")
def editor(path_id):
    return _editor_page(editable_path(path_id))


@bp.post("/<int:path_id>/status")
def change_status(path_id):
    path = editable_path(path_id)
    form = StatusForm()
    attempt(
        lambda: services.change_status(current_user, path, form.status.data or ""),
        success=_("Der Status wurde geändert."),
    )
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


@bp.post("/<int:path_id>/schritte/neu")
def add_step(path_id):
    path = editable_path(path_id)
    form = StepForm()
    if form.validate_on_submit():
        added = attempt(
            lambda: services.add_step(current_user, path, _step_data(form, form.kind.data)),
            form=form,
            field="title",
            success=_("Der Schritt wurde hinzugefügt."),
        )
        if added:
            return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=added.value.id))
        path = editable_path(path_id)
    return render_template("training/editor.html", path=path, form=FlaskForm(), step_form=form), 422


def _step_saved(told: int) -> str:
    message = _("Der Schritt wurde gespeichert.")
    if told:
        message += " " + _("%(count)d Personen wurden benachrichtigt.", count=told)
    return message


def _step_form_page(path, step, form, question_form=None, preview=None, status=200):
    return render_template(
        "training/step_form.html",
        path=path,
        step=step,
        form=form,
        preview=preview,
        question_form=question_form or QuestionForm(prefix="question"),
    ), status


def _filled_step_form(step) -> StepForm:
    form = StepForm(obj=step)
    form.session_starts_at.set_utc(step.session_starts_at)
    form.session_ends_at.set_utc(step.session_ends_at)
    return form


@bp.route("/<int:path_id>/schritte/<int:step_id>/bearbeiten", methods=["GET", "POST"])
def edit_step(path_id, step_id):
    path, step = editable_step(path_id, step_id)
    form = _filled_step_form(step) if request.method == "GET" else StepForm(obj=step)
    preview = render_markdown(form.body.data) if form.preview.data else None
    if not form.preview.data and form.validate_on_submit():
        if attempt(
            lambda: services.update_step(
                current_user, step, _step_data(form, step.kind), form.mark_updated.data
            ),
            form=form,
            field="title",
            success=_step_saved,
        ):
            return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
    status = 422 if form.errors or form.form_errors else 200
    return _step_form_page(path, step, form, preview=preview, status=status)


@bp.post("/<int:path_id>/schritte/<int:step_id>/verschieben")
def move_step(path_id, step_id):
    path, step = editable_step(path_id, step_id)
    form = MoveForm(step_count=len(path.steps))
    if form.validate_on_submit():
        moved = attempt(
            lambda: services.move_step(current_user, step, form.position.data),
            success=lambda _none: _(
                "„%(title)s“ steht jetzt an Position %(position)d.", title=step.title, position=step.position
            ),
        )
    else:
        moved = None
        flash(" ".join(str(error) for errors in form.errors.values() for error in errors), "error")
    if moved and not wants_partial("step-list"):
        return redirect_after_post(url_for("training.editor", path_id=path_id))
    if not moved:
        path = editable_path(path_id)
    page = _editor_page(path, moved_step_id=step_id, moved_direction=request.form.get("direction"))
    return page, 200 if moved else 422


@bp.post("/<int:path_id>/schritte/<int:step_id>/loeschen")
def remove_step(path_id, step_id):
    _path, step = editable_step(path_id, step_id)
    attempt(lambda: services.remove_step(current_user, step), success=_("Der Schritt wurde entfernt."))
    return redirect_after_post(url_for("training.editor", path_id=path_id))


@bp.post("/<int:path_id>/schritte/<int:step_id>/fragen")
def add_question(path_id, step_id):
    path, step = editable_step(path_id, step_id)
    form = QuestionForm(prefix="question")
    if form.validate_on_submit():
        if attempt(
            lambda: services.add_question(
                current_user, step, form.text.data, form.explanation.data, form.options()
            ),
            form=form,
            field="text",
            success=_("Die Frage wurde hinzugefügt."),
        ):
            return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
        path, step = editable_step(path_id, step_id)
    return _step_form_page(path, step, _filled_step_form(step), question_form=form, status=422)


@bp.post("/<int:path_id>/schritte/<int:step_id>/fragen/<int:question_id>/loeschen")
def remove_question(path_id, step_id, question_id):
    _path, step = editable_step(path_id, step_id)
    question = queries.get_question_or_404(step, question_id)
    attempt(
        lambda: services.remove_question(current_user, question),
        success=_("Die Frage wurde entfernt."),
    )
    return redirect_after_post(url_for("training.edit_step", path_id=path_id, step_id=step_id))
