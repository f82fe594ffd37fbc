"""Comment, support ("Betrifft mich auch"), follow and report."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.feedback import mix, moderation, queries, services
from intranet.feedback.forms import CommentForm, EmptyForm, ReportForm, SupportForm
from intranet.feedback.views import bp
from intranet.feedback.views.common import post_of_form, reason_page, render_post
from intranet.hx import redirect_after_post, wants_partial

QUEUED = _l(
    "Danke. Ihr anonymer Beitrag ist eingegangen und erscheint mit der nächsten "
    "Sammelveröffentlichung – ohne Bezug zu Ihrer Person."
)


def _save_comment(post, form: CommentForm):
    """Store the named comment, or queue the anonymous one (feedback/mix.py)."""
    if form.anonymous.data:
        return mix.enqueue_comment(current_user, post, form.body.data)
    return services.add_named_comment(current_user, post, form.body.data)


@bp.post("/kommentieren")
def comment():
    form = CommentForm()
    post = post_of_form(form)
    saved = form.validate_on_submit() and bool(
        attempt(
            lambda: _save_comment(post, form),
            form=form,
            field="body",
            success=lambda comment: _("Ihr Kommentar ist veröffentlicht.") if comment else str(QUEUED),
        )
    )
    if saved:
        form = CommentForm(post_id=post.id, formdata=None)
    if wants_partial("comments"):
        return render_template(
            "feedback/partials/_comments.html",
            post=post,
            comment_form=form,
            page=queries.post_page(current_user, post),
        ), 200 if saved else 422
    if saved:
        return redirect_after_post(url_for("feedback.show", post_id=post.id, _anchor="kommentare"))
    return render_post(post, comment_form=form, status=422)


def _apply_support(post, form: SupportForm) -> int:
    """Support, withdraw or count anonymously; returns the new number of supporters."""
    if not form.validate_on_submit():
        raise services.FeedbackError(_("Das Formular ist ungültig. Bitte laden Sie die Seite neu."))
    action = form.action.data
    if action == "support":
        mix.check_named_support(current_user, post)
        services.support(current_user, post)
    elif action == "withdraw":
        services.withdraw_support(current_user, post)
    elif action == "anonymous":  # once per person and post, checked on the server (feedback/mix.py)
        mix.enqueue_support(current_user, post)
        return None
    else:
        raise services.FeedbackError(_("Diese Aktion gibt es nicht."))
    return post.support_count


@bp.post("/unterstuetzen")
def support():
    form = SupportForm()
    post = post_of_form(form)
    done = attempt(
        lambda: _apply_support(post, form),
        success=lambda count: (
            str(QUEUED)
            if count is None
            else ngettext(
                "Danke. Dieser Beitrag betrifft jetzt %(num)d Person.",
                "Danke. Dieser Beitrag betrifft jetzt %(num)d Personen.",
                count,
            )
        ),
    )
    if wants_partial(f"support-{post.id}"):
        supported = queries.has_supported(current_user, post)
        return render_template(
            "feedback/partials/_support.html", post=post, is_supported=supported, focus=True
        ), 200 if done else 422
    return redirect_after_post(url_for("feedback.show", post_id=post.id))


@bp.post("/<int:post_id>/folgen")
def follow(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_participate_in_post(current_user, post))
    if EmptyForm().validate_on_submit():
        wanted = not queries.is_following(current_user, post)
        attempt(
            lambda: services.set_following(current_user, post, wanted),
            success=_("Sie folgen diesem Beitrag. Über neue Antworten werden Sie benachrichtigt.")
            if wanted
            else _("Sie folgen diesem Beitrag nicht mehr."),
        )
    return redirect_after_post(url_for("feedback.show", post_id=post.id))


@bp.route("/<int:post_id>/melden", methods=["GET", "POST"])
def report(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_participate_in_post(current_user, post))
    return reason_page(
        post,
        ReportForm(),
        lambda reason: moderation.report_post(current_user, post, reason),
        _("Danke. Die Moderation sieht sich den Beitrag an."),
        url_for("feedback.show", post_id=post.id),
        "feedback/report.html",
    )
