"""Training paths for learners: catalogue, path page, steps, quiz, sessions, practice, confirmation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from intranet import clock, permissions
from intranet.extensions import db
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.notify.services import absolute_url
from intranet.org.services import org_tree
from intranet.topics.services import topic_choices
from intranet.training import learning
from intranet.training.forms import CatalogueFilterForm, PracticeRequestForm
from intranet.training.models import (
    TrainingAssignment,
    TrainingEnrolment,
    TrainingPath,
    TrainingPracticeRequest,
    TrainingQuestion,
    TrainingStep,
)
from intranet.training.services import TrainingError

bp = Blueprint("training", __name__, url_prefix="/training")


@bp.before_request
@login_required
def _signed_in():
    """Every training page needs a signed-in user; each view checks its own permission."""


def load_path(path_id: int) -> TrainingPath:
    """The path with steps, questions and prerequisites, or 404 if the user may not see it."""
    path = db.session.scalar(
        select(TrainingPath)
        .where(TrainingPath.id == path_id)
        .options(
            selectinload(TrainingPath.steps)
            .selectinload(TrainingStep.questions)
            .selectinload(TrainingQuestion.options),
            selectinload(TrainingPath.prerequisites),
            selectinload(TrainingPath.topic),
        )
    )
    permissions.require(permissions.can_view_path(current_user, path), hide=True)
    return path


def load_step(path: TrainingPath, step_id: int) -> TrainingStep:
    step = next((s for s in path.steps if s.id == step_id), None)
    if step is None:
        abort(404)
    return step


def _catalogue_query(form: CatalogueFilterForm):
    if form.show.data == "drafts" and permissions.is_training_editor(current_user):
        query = select(TrainingPath).where(TrainingPath.status != "published")
        if not permissions.is_admin(current_user):
            query = query.where(TrainingPath.author_id == current_user.id)
    else:
        query = select(TrainingPath).where(TrainingPath.status == "published")
    if form.level.data in ("einstieg", "aufbau", "vertiefung"):
        query = query.where(TrainingPath.level == form.level.data)
    if topic_id := form.coerce_topic():
        query = query.where(TrainingPath.topic_id == topic_id)
    if search := (form.q.data or "").strip()[:100].lower():
        pattern = f"%{search}%"
        query = query.where(
            or_(func.lower(TrainingPath.title).like(pattern), func.lower(TrainingPath.summary).like(pattern))
        )
    mine = select(TrainingEnrolment.path_id).where(TrainingEnrolment.user_id == current_user.id)
    if form.show.data == "unit":
        units = [u.id for u in org_tree().ancestors(current_user.unit_id)]
        query = query.where(
            TrainingPath.id.in_(
                select(TrainingAssignment.path_id).where(TrainingAssignment.unit_id.in_(units))
            )
        )
    elif form.show.data == "assigned":
        query = query.where(TrainingPath.id.in_(mine.where(TrainingEnrolment.due_on.is_not(None))))
    elif form.show.data == "mine":
        query = query.where(TrainingPath.id.in_(mine))
    return query.options(selectinload(TrainingPath.topic)).order_by(TrainingPath.title, TrainingPath.id)


@bp.get("/")
def catalogue():
    form = CatalogueFilterForm(request.args)
    form.topic.choices = topic_choices(_("Alle Themen"))
    if permissions.is_training_editor(current_user):
        form.show.choices = [*form.show.choices, ("drafts", _("Entwürfe und Archiv (zum Bearbeiten)"))]
    number = min(max(request.args.get("page", 1, type=int), 1), 10_000)  # huge pages overflow SQL
    page = db.paginate(_catalogue_query(form), page=number, per_page=20, error_out=False)
    ids = [p.id for p in page.items]
    step_counts = (
        dict(
            db.session.execute(
                select(TrainingStep.path_id, func.count())
                .where(TrainingStep.path_id.in_(ids))
                .group_by(TrainingStep.path_id)
            ).all()
        )
        if ids
        else {}
    )
    enrolments = (
        {
            e.path_id: e
            for e in db.session.scalars(
                select(TrainingEnrolment).where(
                    TrainingEnrolment.user_id == current_user.id, TrainingEnrolment.path_id.in_(ids)
                )
            )
        }
        if ids
        else {}
    )
    return render_page_or_partial(
        "training/catalogue.html",
        "training/partials/_results.html",
        "training-results",
        form=form,
        page=page,
        step_counts=step_counts,
        enrolments=enrolments,
        oob_count=wants_partial("training-results"),
    )


@bp.get("/<int(max=2147483647):path_id>")
def path_page(path_id):
    path = load_path(path_id)
    enrolment = learning.find_enrolment(current_user, path)
    missing = learning.missing_prerequisites(current_user, path) if enrolment is None else []
    done, total = learning.progress(enrolment, path)
    return render_template(
        "training/path.html",
        path=path,
        enrolment=enrolment,
        states=learning.step_states(enrolment, path),
        done=done,
        total=total,
        missing=missing,
        resume=learning.resume_step(enrolment, path),
        form=FlaskForm(),
    )


@bp.post("/<int(max=2147483647):path_id>/enrol")
def enrol(path_id):
    path = load_path(path_id)
    try:
        learning.enrol(current_user, path)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Sie haben den Lernpfad begonnen. Viel Erfolg!"), "success")
    return redirect_after_post(url_for("training.path_page", path_id=path_id))


def _step_context(path, step, enrolment, **extra):
    seat = learning.find_seat(current_user, step) if step.kind == "session" else None
    practice = (
        db.session.scalar(
            select(TrainingPracticeRequest).where(
                TrainingPracticeRequest.enrolment_id == enrolment.id,
                TrainingPracticeRequest.step_id == step.id,
            )
        )
        if step.kind == "practice"
        else None
    )
    states = learning.step_states(enrolment, path)
    index = next(i for i, s in enumerate(states) if s.step.id == step.id)
    done, total = learning.progress(enrolment, path)
    return dict(
        path=path,
        step=step,
        enrolment=enrolment,
        state=states[index],
        states=states,
        previous=states[index - 1].step if index else None,
        following=states[index + 1] if index + 1 < len(states) else None,
        seat=seat,
        practice=practice,
        done=done,
        total=total,
        form=FlaskForm(),
        now_utc=clock.now(),
        practice_form=extra.pop("practice_form", None) or PracticeRequestForm(),
        **extra,
    )


def _open_step(path_id, step_id):
    """Load path, step and the user's enrolment; a locked step sends the user back."""
    path = load_path(path_id)
    step = load_step(path, step_id)
    enrolment = learning.find_enrolment(current_user, path)
    try:
        learning.check_unlocked(enrolment, step)
    except TrainingError as error:
        flash(str(error.message), "error")
        return path, step, None, redirect_after_post(url_for("training.path_page", path_id=path_id))
    return path, step, enrolment, None


@bp.get("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>")
def step_page(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    return render_template("training/step.html", **_step_context(path, step, enrolment))


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/done")
def complete_step(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    try:
        learning.complete_step(current_user, enrolment, step)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect_after_post(url_for("training.step_page", path_id=path_id, step_id=step_id))
    db.session.commit()
    flash(_("Schritt „%(title)s“ erledigt.", title=step.title), "success")
    return redirect_after_post(_next_url(path, enrolment))


def _next_url(path, enrolment) -> str:
    if enrolment.completed_at is not None:
        return url_for("training.path_page", path_id=path.id)
    following = learning.resume_step(enrolment, path)
    if following is None:
        return url_for("training.path_page", path_id=path.id)
    return url_for("training.step_page", path_id=path.id, step_id=following.id)


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/quiz")
def submit_quiz(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    answers = {
        q.id: {int(v) for v in request.form.getlist(f"q{q.id}") if v.isdigit()} for q in step.questions
    }
    try:
        result, error_field, status = learning.submit_quiz(current_user, enrolment, step, answers), None, 200
        db.session.commit()
    except TrainingError as error:
        db.session.rollback()
        result, error_field, status = None, error, 422
    partial = wants_partial("quiz-region")
    context = _step_context(
        path, step, enrolment, result=result, answers=answers, quiz_error=error_field, oob_progress=partial
    )
    template = "training/partials/_quiz.html" if partial else "training/step.html"
    return render_template(template, **context), status


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/seat")
def book_seat(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    try:
        learning.book_seat(current_user, enrolment, step)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Sie sind für den Termin angemeldet."), "success")
    return redirect_after_post(url_for("training.step_page", path_id=path_id, step_id=step_id))


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/seat/cancel")
def cancel_seat(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    try:
        learning.cancel_seat(current_user, step)
    except TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Sie haben sich vom Termin abgemeldet. Der Platz ist wieder frei."), "success")
    return redirect_after_post(url_for("training.step_page", path_id=path_id, step_id=step_id))


@bp.get("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/termin.ics")
def session_ics(path_id, step_id):
    path = load_path(path_id)
    step = load_step(path, step_id)
    if step.kind != "session" or step.session_starts_at is None:
        abort(404)
    page_url = absolute_url(url_for("training.step_page", path_id=path_id, step_id=step_id))
    response = make_response(learning.session_calendar(step, page_url))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="lotse-termin-{step.id}.ics"'
    return response


@bp.post("/<int(max=2147483647):path_id>/steps/<int(max=2147483647):step_id>/practice")
def request_practice(path_id, step_id):
    path, step, enrolment, refusal = _open_step(path_id, step_id)
    if refusal:
        return refusal
    form = PracticeRequestForm()
    if form.validate_on_submit():
        try:
            learning.request_practice(current_user, enrolment, step, form.note.data)
        except TrainingError as error:
            db.session.rollback()
            form.note.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Ihre Anfrage ist bei den Lotsinnen und Lotsen Ihrer Einheit."), "success")
            return redirect_after_post(url_for("training.step_page", path_id=path_id, step_id=step_id))
    return render_template(
        "training/step.html", **_step_context(path, step, enrolment, practice_form=form)
    ), 422


@bp.get("/enrolments/<int(max=2147483647):enrolment_id>/confirmation")
def confirmation(enrolment_id):
    enrolment = db.session.get(TrainingEnrolment, enrolment_id)
    permissions.require(permissions.can_see_own_enrolment(current_user, enrolment), hide=True)
    if enrolment.completed_at is None:
        abort(404)
    path = load_path(enrolment.path_id)
    return render_template("training/confirmation.html", enrolment=enrolment, path=path)


from intranet.training import editor_views, leadership_views  # noqa: E402,F401 - routes on bp
