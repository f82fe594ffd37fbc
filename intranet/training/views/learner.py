"""Training paths for learners: catalogue, path page, steps, quiz, sessions, practice, confirmation."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from intranet import permissions as perm
from intranet import urls
from intranet.domain import attempt
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.paging import paginate
from intranet.topics.services import topic_choices
from intranet.training import learning, queries
from intranet.training.forms import CatalogueFilterForm, PracticeRequestForm, QuizForm
from intranet.training.views import bp
from intranet.training.views.loading import viewable_path


@bp.get("/")
def catalogue():
    form = CatalogueFilterForm(request.args)
    form.topic.choices = topic_choices(_("Alle Themen"))
    editor = perm.is_training_editor(current_user)
    if editor:
        form.show.choices = [*form.show.choices, ("drafts", _("Entwürfe und Archiv (zum Bearbeiten)"))]
    page = paginate(
        queries.catalogue(
            current_user,
            show=form.show.data or "",
            level=form.level.data or "",
            topic_id=form.coerce_topic(),
            search=form.q.data or "",
            may_see_drafts=editor,
            sees_every_draft=perm.is_admin(current_user),
        )
    )
    ids = [p.id for p in page.items]
    return render_page_or_partial(
        "training/catalogue.html",
        "training/partials/_results.html",
        "training-results",
        form=form,
        page=page,
        step_counts=queries.step_counts(ids),
        enrolments=queries.enrolments_by_path(current_user, ids),
        oob_count=wants_partial("training-results"),
    )


@bp.get("/<int:path_id>")
def path_page(path_id):
    path = viewable_path(path_id)
    enrolment = queries.find_enrolment(current_user, path)
    missing = queries.missing_prerequisites(current_user, path) if enrolment is None else []
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


@bp.post("/<int:path_id>/einschreiben")
def enrol(path_id):
    path = viewable_path(path_id)
    attempt(
        lambda: learning.enrol(current_user, path),
        success=_("Sie haben den Lernpfad begonnen. Viel Erfolg!"),
    )
    return redirect_after_post(url_for("training.path_page", path_id=path_id))


def _step_context(path, step, enrolment, **extra):
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
        seat=queries.find_seat(current_user, step) if step.kind == "session" else None,
        practice=queries.find_practice_request(enrolment, step) if step.kind == "practice" else None,
        done=done,
        total=total,
        form=FlaskForm(),
        practice_form=extra.pop("practice_form", None) or PracticeRequestForm(),
        quiz_form=extra.pop("quiz_form", None) or QuizForm(),
        **extra,
    )


def _open_step(view):
    """Hand the view the path, the step and the learner's enrolment; a step that is not open to
    the learner yet (path not begun, or locked) sends them back to the path."""

    @wraps(view)
    def on_open_step(path_id, step_id):
        path = viewable_path(path_id)
        step = queries.get_step_or_404(path, step_id)
        enrolment = queries.find_enrolment(current_user, path)
        reason = learning.lock_reason(enrolment, step)
        if reason is not None:
            flash(str(reason), "error")
            return redirect_after_post(url_for("training.path_page", path_id=path_id))
        return view(path, step, enrolment)

    return on_open_step


def _back_to_step(step):
    return redirect_after_post(url_for("training.step_page", path_id=step.path_id, step_id=step.id))


@bp.get("/<int:path_id>/schritte/<int:step_id>")
@_open_step
def step_page(path, step, enrolment):
    return render_template("training/step.html", **_step_context(path, step, enrolment))


@bp.post("/<int:path_id>/schritte/<int:step_id>/erledigt")
@_open_step
def complete_step(path, step, enrolment):
    if attempt(
        lambda: learning.complete_step(current_user, enrolment, step),
        success=_("Schritt „%(title)s“ erledigt.", title=step.title),
    ):
        return redirect_after_post(_next_url(path, enrolment))
    return _back_to_step(step)


def _next_url(path, enrolment) -> str:
    following = learning.resume_step(enrolment, path) if enrolment.completed_at is None else None
    if following is None:
        return url_for("training.path_page", path_id=path.id)
    return url_for("training.step_page", path_id=path.id, step_id=following.id)


@bp.post("/<int:path_id>/schritte/<int:step_id>/quiz")
@_open_step
def submit_quiz(path, step, enrolment):
    form = QuizForm()
    answers = {
        q.id: {int(v) for v in request.form.getlist(f"q{q.id}") if v.isdigit() and len(v) < 10}
        for q in step.questions
    }
    graded = attempt(lambda: learning.submit_quiz(current_user, enrolment, step, answers), form=form)
    partial = wants_partial("quiz-region")
    context = _step_context(
        path, step, enrolment, result=graded.value, answers=answers, quiz_form=form, oob_progress=partial
    )
    template = "training/partials/_quiz.html" if partial else "training/step.html"
    return render_template(template, **context), 200 if graded else 422


@bp.post("/<int:path_id>/schritte/<int:step_id>/platz")
@_open_step
def book_seat(path, step, enrolment):
    attempt(
        lambda: learning.book_seat(current_user, enrolment, step),
        success=_("Sie sind für den Termin angemeldet."),
    )
    return _back_to_step(step)


@bp.post("/<int:path_id>/schritte/<int:step_id>/platz/stornieren")
@_open_step
def cancel_seat(path, step, enrolment):
    attempt(
        lambda: learning.cancel_seat(current_user, step),
        success=_("Sie haben sich vom Termin abgemeldet. Der Platz ist wieder frei."),
    )
    return _back_to_step(step)


@bp.get("/<int:path_id>/schritte/<int:step_id>/termin.ics")
def session_ics(path_id, step_id):
    path = viewable_path(path_id)
    step = queries.get_step_or_404(path, step_id)
    if step.kind != "session" or step.session_starts_at is None:
        abort(404)
    page_url = urls.absolute_url("training.step_page", path_id=path_id, step_id=step_id)
    response = make_response(learning.session_calendar(step, page_url))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="lotse-termin-{step.id}.ics"'
    return response


@bp.post("/<int:path_id>/schritte/<int:step_id>/praxisnachweis")
@_open_step
def request_practice(path, step, enrolment):
    form = PracticeRequestForm()
    if form.validate_on_submit() and attempt(
        lambda: learning.request_practice(current_user, enrolment, step, form.note.data),
        form=form,
        field="note",
        success=_("Ihre Anfrage ist bei den Lotsinnen und Lotsen Ihrer Einheit."),
    ):
        return _back_to_step(step)
    return render_template(
        "training/step.html", **_step_context(path, step, enrolment, practice_form=form)
    ), 422


@bp.get("/teilnahmen/<int:enrolment_id>/bestaetigung")
def confirmation(enrolment_id):
    enrolment = queries.get_enrolment_or_404(enrolment_id)
    perm.require(perm.can_see_own_enrolment(current_user, enrolment), hide=True)
    if enrolment.completed_at is None:
        abort(404)
    path = viewable_path(enrolment.path_id)
    return render_template("training/confirmation.html", enrolment=enrolment, path=path)
