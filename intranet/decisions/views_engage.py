"""Staff and decisions: follow, ask, answer, acknowledge; personal tokens, feeds and calendars."""

from __future__ import annotations

import re

from flask import Response, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import clock, permissions, urls
from intranet.decisions import engagement, feeds, tokens
from intranet.decisions.forms import AnswerForm, QuestionForm, TokenForm
from intranet.decisions.models import DecisionQuestion, DecisionToken
from intranet.decisions.openapi import MAX_ID
from intranet.decisions.queries import RegisterFilter
from intranet.decisions.services import DecisionError
from intranet.decisions.views import bp, detail_context, load_decision
from intranet.extensions import db
from intranet.hx import redirect_after_post, wants_partial


def _detail_url(decision, anchor=None) -> str:
    return url_for("decisions.detail", decision_id=decision.id, _anchor=anchor)


@bp.post("/<int:decision_id>/follow")
def follow(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_follow_decision(current_user, decision))
    following = engagement.set_following(current_user, decision, request.form.get("follow") == "1")
    db.session.commit()
    flash(
        _("Sie folgen dieser Entscheidung jetzt.")
        if following
        else _("Sie folgen dieser Entscheidung nicht mehr."),
        "success",
    )
    if wants_partial("follow-region"):
        return render_template("decisions/partials/_follow.html", decision=decision, following=following)
    return redirect_after_post(_detail_url(decision))


@bp.post("/<int:decision_id>/acknowledge")
def acknowledge(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_acknowledge_decision(current_user, decision))
    engagement.acknowledge(current_user, decision)
    db.session.commit()
    flash(_("Danke! Sie haben die Entscheidung zur Kenntnis genommen."), "success")
    if wants_partial("ack-region"):
        return render_template("decisions/partials/_ack.html", decision=decision, acknowledged=True)
    return redirect_after_post(_detail_url(decision))


def _detail_with_errors(decision, question_form, answer_form, failed_question=None):
    decision = load_decision(decision.id, with_questions=True)
    return render_template(
        "decisions/detail.html",
        decision=decision,
        **detail_context(decision),
        question_form=question_form,
        answer_form=answer_form,
        failed_question=failed_question,
    ), 422


@bp.post("/<int:decision_id>/questions")
def ask(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_ask_about_decision(current_user, decision))
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            question = engagement.ask_question(current_user, decision, form.body.data)
        except DecisionError as error:
            form.body.errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _("Ihre Frage wurde gesendet. Sie werden benachrichtigt, sobald sie beantwortet ist."),
                "success",
            )
            return redirect_after_post(_detail_url(decision, f"frage-{question.id}"))
    db.session.rollback()
    return _detail_with_errors(decision, form, AnswerForm())


@bp.post("/<int:decision_id>/questions/<int:question_id>/answer")
def answer(decision_id, question_id):
    decision = load_decision(decision_id)
    question = db.session.get(DecisionQuestion, question_id) if question_id <= MAX_ID else None
    if question is None or question.decision_id != decision.id:
        abort(404)
    permissions.require(permissions.can_answer_decision_question(current_user, decision))
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            engagement.answer_question(current_user, question, form.answer.data)
        except DecisionError as error:
            form.answer.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Ihre Antwort wurde veröffentlicht."), "success")
            return redirect_after_post(_detail_url(decision, f"frage-{question.id}"))
    db.session.rollback()
    return _detail_with_errors(decision, QuestionForm(), form, failed_question=question_id)


@bp.route("/tokens", methods=["GET", "POST"])
def token_list():
    permissions.require(permissions.can_manage_decision_tokens(current_user))
    form = TokenForm()
    created = secret = None
    if form.validate_on_submit():
        try:
            created, secret = tokens.create_token(current_user, form.kind.data, form.label.data)
        except DecisionError as error:
            error.show_on(form, "label")
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
    # The secret is shown exactly once, in this response: it never goes into a redirect,
    # the session or the flash messages.
    return render_template(
        "decisions/tokens.html",
        form=form,
        tokens=tokens.active_tokens(current_user),
        created=created,
        secret=secret,
    ), (422 if form.errors else 200)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_token(token_id):
    token = db.session.get(DecisionToken, token_id) if token_id <= MAX_ID else None
    if token is None or token.user_id != current_user.id:
        abort(404)
    tokens.revoke_token(current_user, token)
    db.session.commit()
    flash(_("Der Schlüssel „%(label)s“ wurde widerrufen.", label=token.label), "success")
    return redirect_after_post(url_for("decisions.token_list"))


def _feed_filters() -> RegisterFilter:
    """unit/topic from the query string; anything else than a number is a bad request."""
    values = {}
    for name in ("unit", "topic"):
        raw = request.args.get(name, "")
        if raw and not re.fullmatch(r"[0-9]{1,9}", raw):
            abort(400)
        values[name] = int(raw) if raw else None
    return RegisterFilter(unit_id=values["unit"], topic_id=values["topic"])


@bp.get("/feed/<token>.atom")
def feed(token):
    user = tokens.user_for_token(token, "feed")
    if user is None:
        abort(401)
    filters = _feed_filters()
    query = {name: value for name, value in (("unit", filters.unit_id), ("topic", filters.topic_id)) if value}
    xml = feeds.atom_feed(user, filters, urls.absolute_url("decisions.feed", token=token, **query))
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/feed.atom")
def session_feed():
    """The viewer's feed by their login (the page's autodiscovery link): token URLs cannot be
    announced, only their hashes are stored."""
    filters = _feed_filters()
    query = {name: value for name, value in (("unit", filters.unit_id), ("topic", filters.topic_id)) if value}
    xml = feeds.atom_feed(current_user, filters, urls.absolute_url("decisions.session_feed", **query))
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/feed/<token>/calendar.ics")
def token_calendar(token):
    user = tokens.user_for_token(token, "feed")
    if user is None:
        abort(401)
    return _calendar_response(feeds.ical_calendar(user, _feed_filters()))


@bp.get("/calendar.ics")
def calendar():
    return _calendar_response(feeds.ical_calendar(current_user, _feed_filters()))


def _calendar_response(data: bytes) -> Response:
    stamp = clock.now().strftime("%Y%m%d")
    return Response(
        data,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="entscheidungen-{stamp}.ics"'},
    )
