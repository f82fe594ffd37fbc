"""Comment, support ("Betrifft mich auch"), follow and report – views of the board."""

from __future__ import annotations

from flask import flash, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from intranet import permissions
from intranet.extensions import db
from intranet.feedback import moderation, queries, services
from intranet.feedback.forms import CommentForm, EmptyForm, ReportForm, SupportForm
from intranet.feedback.views import bp, load_post_or_404, rate_limited, render_post
from intranet.hx import redirect_after_post, wants_partial

# Post ids this browser session supported anonymously: kept only in the signed session
# cookie (never on the server), so the same person cannot count twice by accident.
ANONYMOUS_SUPPORTS = "feedback_anon_supported"


def _save_comment(post, form: CommentForm) -> bool:
    """Store the comment (named or without any author reference); False on a domain error."""
    try:
        if form.anonymous.data:
            services.add_anonymous_comment(post, form.body.data)
        else:
            services.add_named_comment(current_user, post, form.body.data)
    except services.FeedbackError as error:
        db.session.rollback()
        form.body.errors = [*form.body.errors, error.message]
        return False
    db.session.commit()
    return True


@bp.post("/kommentieren")
@rate_limited
def comment():
    form = CommentForm()
    post = load_post_or_404(form.post_id.data)
    permissions.require(permissions.can_view_post(current_user, post), hide=True)
    saved = form.validate_on_submit() and _save_comment(post, form)
    if saved:
        flash(_("Ihr Kommentar ist veröffentlicht."), "success")
        form = CommentForm(post_id=post.id, formdata=None)
    if wants_partial("comments"):
        return render_template(
            "feedback/partials/_comments.html",
            post=post,
            comment_form=form,
            page=queries.post_page(current_user, post),
        ), 200 if saved else 422
    if saved:
        return redirect_after_post(url_for("feedback.show", post_id=post.id) + "#kommentare")
    return render_post(post, comment_form=form, status=422)


def _apply_support(post, action: str) -> None:
    anonymous_ids = session.get(ANONYMOUS_SUPPORTS, [])
    if action == "support":
        if post.id in anonymous_ids:
            raise services.FeedbackError(_("Sie haben diesen Beitrag schon anonym unterstützt."))
        services.support(current_user, post)
    elif action == "withdraw":
        services.withdraw_support(current_user, post)
    elif action == "anonymous":
        if post.id in anonymous_ids or services.has_supported(current_user, post):
            raise services.FeedbackError(_("Sie haben diesen Beitrag schon unterstützt."))
        services.support_anonymously(post)
        session[ANONYMOUS_SUPPORTS] = [*anonymous_ids, post.id][-200:]
    else:
        raise services.FeedbackError(_("Diese Aktion gibt es nicht."))


@bp.post("/unterstuetzen")
@rate_limited
def support():
    form = SupportForm()
    post = load_post_or_404(form.post_id.data)
    permissions.require(permissions.can_view_post(current_user, post), hide=True)
    status = 200
    try:
        if not form.validate_on_submit():
            raise services.FeedbackError(_("Das Formular ist ungültig. Bitte laden Sie die Seite neu."))
        _apply_support(post, form.action.data)
    except services.FeedbackError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        status = 422
    else:
        db.session.commit()
        flash(
            ngettext(
                "Danke. Dieser Beitrag betrifft jetzt %(num)d Person.",
                "Danke. Dieser Beitrag betrifft jetzt %(num)d Personen.",
                post.support_count,
            ),
            "success",
        )
    if wants_partial(f"support-{post.id}"):
        supported = services.has_supported(current_user, post)
        return render_template(
            "feedback/partials/_support.html", post=post, is_supported=supported, focus=True
        ), status
    return redirect_after_post(url_for("feedback.show", post_id=post.id))


@bp.post("/<int:post_id>/folgen")
def follow(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_participate_in_post(current_user, post))
    if EmptyForm().validate_on_submit():
        wanted = not services.is_following(current_user, post)
        services.set_following(current_user, post, wanted)
        db.session.commit()
        flash(
            _("Sie folgen diesem Beitrag. Über neue Antworten werden Sie benachrichtigt.")
            if wanted
            else _("Sie folgen diesem Beitrag nicht mehr."),
            "success",
        )
    return redirect_after_post(url_for("feedback.show", post_id=post.id))


@bp.route("/<int:post_id>/melden", methods=["GET", "POST"])
def report(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_participate_in_post(current_user, post))
    form = ReportForm()
    if form.validate_on_submit():
        try:
            moderation.report_post(current_user, post, form.reason.data)
        except services.FeedbackError as error:
            db.session.rollback()
            form.reason.errors = [*form.reason.errors, error.message]
        else:
            db.session.commit()
            flash(_("Danke. Die Moderation sieht sich den Beitrag an."), "success")
            return redirect_after_post(url_for("feedback.show", post_id=post.id))
    return render_template("feedback/report.html", post=post, form=form), (422 if form.errors else 200)
