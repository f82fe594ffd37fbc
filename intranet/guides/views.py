"""Questions: ask, suggestions, FAQ, inbox, the question page and its actions."""

from flask import Blueprint, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from intranet import permissions as perm
from intranet.extensions import db
from intranet.guides import queries, services
from intranet.guides.forms import AcceptForm, AskForm, PostForm, SearchForm
from intranet.guides.models import Question
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.topics.services import topic_choices

bp = Blueprint("guides", __name__, url_prefix="/guides")


@bp.before_request
@login_required
def _signed_in():
    """Every page of the feature needs a signed-in user; views check the rest."""


def _question(question_id: int) -> Question:
    """Load a question the current user may see; 404 otherwise (private stays hidden)."""
    question = queries.load_question(question_id)
    perm.require(question is not None and perm.can_view_question(current_user, question), hide=True)
    return question


def _detail(question, post_form=None, status=200):
    context = {
        "question": question,
        "post_form": post_form or PostForm(),
        "following": services.is_following(question, current_user),
    }
    if wants_partial(f"claim-{question.id}"):
        return render_template("guides/partials/_claim_inner.html", **context), status
    return render_page_or_partial(
        "guides/question.html", "guides/partials/_trail.html", "question-trail", **context
    ), status


@bp.route("/ask", methods=["GET", "POST"])
def ask():
    form = AskForm()
    form.topic_id.choices = topic_choices(_l("– kein bestimmtes Thema –"))
    if form.validate_on_submit():
        try:
            question = services.ask(
                current_user,
                form.title.data,
                form.body.data,
                form.topic_id.data or None,
                form.visibility.data == "private",
            )
        except services.GuidesError as error:
            error.show_on(form, "title")
        else:
            db.session.commit()
            flash(_("Ihre Frage ist angekommen. Wir benachrichtigen Sie bei einer Antwort."), "success")
            return redirect_after_post(url_for("guides.question", question_id=question.id))
    similar = queries.suggestions(form.title.data) if form.title.data else []
    return render_template("guides/ask.html", form=form, similar=similar), (422 if form.errors else 200)


@bp.get("/suggestions")
def suggestions():
    """Similar answered questions while typing (htmx) – or as a plain page without JS."""
    title = (request.args.get("title") or "")[:200]
    return render_page_or_partial(
        "guides/suggestions.html",
        "guides/partials/_suggestions.html",
        "suggestions",
        similar=queries.suggestions(title),
        title=title,
    )


@bp.get("/faq")
def faq():
    form = SearchForm(request.args)
    form.topic.choices = topic_choices(_l("Alle Themen"))
    form.validate()
    text = form.q.data if not form.q.errors else ""
    page = db.paginate(queries.faq_query(text, form.topic.data or None), per_page=20, error_out=False)
    return render_page_or_partial(
        "guides/faq.html", "guides/partials/_faq_results.html", "faq-results", page=page, form=form
    )


@bp.get("/inbox")
def inbox():
    perm.require(perm.can_use_guide_inbox(current_user))
    which = request.args.get("filter", "open")
    which = which if which in queries.INBOX_FILTERS else "open"
    page = db.paginate(queries.inbox_query(current_user, which), per_page=25, error_out=False)
    return render_page_or_partial(
        "guides/inbox.html",
        "guides/partials/_inbox_results.html",
        "inbox-results",
        page=page,
        which=which,
        filters=queries.INBOX_FILTERS,
    )


@bp.get("/inbox/count")
def inbox_count():
    perm.require(perm.can_use_guide_inbox(current_user))
    return render_template("guides/partials/_inbox_count.html", count=queries.inbox_count(current_user))


@bp.get("/inbox/badge")
def inbox_badge():
    perm.require(perm.can_use_guide_inbox(current_user))
    return render_template("guides/partials/_inbox_badge.html", count=queries.inbox_count(current_user))


@bp.get("/questions/<int:question_id>")
def question(question_id):
    return _detail(_question(question_id))


def _done(question, message, category="success"):
    flash(message, category)
    if wants_partial(f"claim-{question.id}"):
        db.session.expire_all()
        response = make_response(
            _detail(_question(question.id), status=200 if category == "success" else 409)
        )
        response.headers["HX-Trigger"] = "notifications-changed, inbox-changed"
        return response
    return redirect_after_post(url_for("guides.question", question_id=question.id))


@bp.post("/questions/<int:question_id>/claim")
def claim(question_id):
    question = _question(question_id)
    perm.require(perm.can_answer_question(current_user, question))
    try:
        services.claim(question, current_user)
    except services.GuidesError as error:
        db.session.rollback()
        return _done(question, error.message, "error")
    db.session.commit()
    return _done(question, _("Sie haben die Frage übernommen. Ihr Team sieht das."))


@bp.post("/questions/<int:question_id>/release")
def release(question_id):
    question = _question(question_id)
    perm.require(perm.can_release_question(current_user, question))
    services.release(question, current_user)
    db.session.commit()
    return _done(question, _("Die Frage ist wieder für Ihr Team frei."))


def _post(question, action, success):
    form = PostForm()
    if form.validate_on_submit():
        try:
            action(form.body.data)
        except services.GuidesError as error:
            form.body.errors.append(error.message)
        else:
            db.session.commit()
            return _done(question, success)
    return _detail(question, post_form=form, status=422)


@bp.post("/questions/<int:question_id>/answer")
def answer(question_id):
    question = _question(question_id)
    perm.require(perm.can_answer_question(current_user, question))
    ask_back = request.form.get("kind") == "ask_back"
    return _post(
        question,
        lambda body: services.answer(question, current_user, body, ask_back),
        _("Ihre Rückfrage wurde gesendet.") if ask_back else _("Ihre Antwort wurde gespeichert."),
    )


@bp.post("/questions/<int:question_id>/reply")
def reply(question_id):
    question = _question(question_id)
    perm.require(perm.can_reply_to_question(current_user, question))
    return _post(
        question,
        lambda body: services.reply(question, current_user, body),
        _("Ihre Nachricht wurde gesendet."),
    )


@bp.post("/questions/<int:question_id>/accept")
def accept(question_id):
    question = _question(question_id)
    perm.require(perm.can_accept_answer(current_user, question))
    form = AcceptForm()
    try:
        services.accept(question, current_user, form.answer_id.data if form.validate() else None)
    except services.GuidesError as error:
        return _done(question, error.message, "error")
    db.session.commit()
    return _done(question, _("Danke! Die Frage ist jetzt gelöst."))


@bp.post("/questions/<int:question_id>/solve")
def solve(question_id):
    question = _question(question_id)
    perm.require(perm.can_mark_question_solved(current_user, question))
    services.mark_solved(question, current_user)
    db.session.commit()
    return _done(question, _("Die Frage ist als gelöst markiert."))


@bp.post("/questions/<int:question_id>/reopen")
def reopen(question_id):
    question = _question(question_id)
    perm.require(perm.can_reopen_question(current_user, question))
    services.reopen(question, current_user)
    db.session.commit()
    return _done(question, _("Die Frage ist wieder offen."))


@bp.post("/questions/<int:question_id>/follow")
def follow(question_id):
    question = _question(question_id)
    if request.form.get("stop"):
        services.unfollow(question, current_user)
        message = _("Sie folgen der Frage nicht mehr.")
    else:
        services.follow(question, current_user)
        message = _("Sie folgen der Frage und werden bei Neuigkeiten benachrichtigt.")
    db.session.commit()
    return _done(question, message)


from intranet.guides import directory  # noqa: E402,F401 - registers the directory routes on bp
