"""Questions: ask, suggestions, FAQ, the question page and what people do on it."""

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.guides import queries, services
from intranet.guides.forms import AcceptForm, AskForm, PostForm, SearchForm
from intranet.guides.models import Question
from intranet.guides.views import bp
from intranet.hx import redirect_after_post, render_page_or_partial, wants_partial
from intranet.paging import paginate
from intranet.topics.services import topic_choices


@bp.route("/fragen/neu", methods=["GET", "POST"])
def ask():
    form = AskForm()
    form.topic_id.choices = topic_choices(_l("– kein bestimmtes Thema –"))
    if form.validate_on_submit():
        done = attempt(
            lambda: services.ask(
                current_user,
                form.title.data,
                form.body.data,
                form.topic_id.data or None,
                form.visibility.data == "private",
            ),
            form=form,
            field="title",
            success=_("Ihre Frage ist angekommen. Wir benachrichtigen Sie bei einer Antwort."),
        )
        if done:
            return redirect_after_post(url_for("guides.question", question_id=done.value.id))
    # Suggestions only for a title the form accepted: a refused one is no search term.
    title = form.title.data if form.title.data and not form.title.errors else None
    similar = queries.suggestions(title) if title else []
    return render_template("guides/ask.html", form=form, similar=similar), (422 if form.errors else 200)


@bp.get("/vorschlaege")
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
    topic = form.topic.data if not form.topic.errors else None
    page = paginate(queries.faq_query(text, topic or None))
    return render_page_or_partial(
        "guides/faq.html", "guides/partials/_faq_results.html", "faq-results", page=page, form=form
    )


def _visible_question(question_id: int) -> Question:
    """A question the current user may see; 404 otherwise (a private one stays hidden)."""
    question = queries.get_question_or_404(question_id)
    perm.require(perm.can_view_question(current_user, question), hide=True)
    return question


def _question_page(question, post_form=None, status=200):
    """The question page, its trail region, or its claim box – whichever htmx asks for."""
    context = {
        "question": question,
        "post_form": post_form or PostForm(),
        "following": queries.is_following(question, current_user),
    }
    if wants_partial(f"claim-{question.id}"):
        return render_template("guides/partials/_claim_inner.html", **context), status
    return render_page_or_partial(
        "guides/question.html", "guides/partials/_trail.html", "question-trail", **context
    ), status


def _after(question, done):
    """After an action: the fresh claim box for htmx (409 if refused), else back to the page."""
    if wants_partial(f"claim-{question.id}"):
        body, status = _question_page(_visible_question(question.id), status=200 if done else 409)
        return body, status, {"HX-Trigger": "notifications-changed, inbox-changed"}
    return redirect_after_post(url_for("guides.question", question_id=question.id))


@bp.get("/fragen/<int:question_id>")
def question(question_id):
    return _question_page(_visible_question(question_id))


def _act(question_id, allowed, action, success):
    """A button on a question (take over, release, solve, reopen, follow): check, one service
    call, then the claim box or the page."""
    question = _visible_question(question_id)
    perm.require(allowed(current_user, question))
    return _after(question, attempt(lambda: action(question, current_user), success=success))


@bp.post("/fragen/<int:question_id>/uebernehmen")
def claim(question_id):
    return _act(
        question_id,
        perm.can_answer_question,
        services.claim,
        _("Sie haben die Frage übernommen. Ihr Team sieht das."),
    )


@bp.post("/fragen/<int:question_id>/freigeben")
def release(question_id):
    return _act(
        question_id, perm.can_release_question, services.release, _("Die Frage ist wieder für Ihr Team frei.")
    )


def _post(question, action, success):
    """Answer, ask back or reply: the message form, then one service call."""
    form = PostForm()
    if form.validate_on_submit():
        done = attempt(lambda: action(form), form=form, field="body", success=success(form))
        if done:
            return _after(question, done)
    return _question_page(question, post_form=form, status=422)


@bp.post("/fragen/<int:question_id>/antwort")
def answer(question_id):
    question = _visible_question(question_id)
    perm.require(perm.can_answer_question(current_user, question))
    return _post(
        question,
        lambda form: services.answer(question, current_user, form.body.data, form.is_ask_back),
        lambda form: (
            _("Ihre Rückfrage wurde gesendet.") if form.is_ask_back else _("Ihre Antwort wurde gespeichert.")
        ),
    )


@bp.post("/fragen/<int:question_id>/nachricht")
def reply(question_id):
    question = _visible_question(question_id)
    perm.require(perm.can_reply_to_question(current_user, question))
    return _post(
        question,
        lambda form: services.reply(question, current_user, form.body.data),
        lambda form: _("Ihre Nachricht wurde gesendet."),
    )


@bp.post("/fragen/<int:question_id>/hat-geholfen")
def accept(question_id):
    question = _visible_question(question_id)
    perm.require(perm.can_accept_answer(current_user, question))
    form = AcceptForm()
    if not form.validate():
        # Only a tampered or stale button gets here: nothing runs, the page says why.
        flash(_("Diese Antwort gehört nicht zu Ihrer Frage."), "error")
        return _after(question, done=False)
    done = attempt(
        lambda: services.accept(question, current_user, form.answer_id.data),
        success=_("Danke! Die Frage ist jetzt gelöst."),
    )
    return _after(question, done)


@bp.post("/fragen/<int:question_id>/erledigt")
def solve(question_id):
    return _act(
        question_id,
        perm.can_mark_question_solved,
        services.mark_solved,
        _("Die Frage ist als gelöst markiert."),
    )


@bp.post("/fragen/<int:question_id>/wieder-oeffnen")
def reopen(question_id):
    return _act(question_id, perm.can_reopen_question, services.reopen, _("Die Frage ist wieder offen."))


@bp.post("/fragen/<int:question_id>/folgen")
def follow(question_id):
    if request.form.get("stop"):
        return _act(
            question_id, perm.can_follow_question, services.unfollow, _("Sie folgen der Frage nicht mehr.")
        )
    return _act(
        question_id,
        perm.can_follow_question,
        services.follow,
        _("Sie folgen der Frage und werden bei Neuigkeiten benachrichtigt."),
    )
