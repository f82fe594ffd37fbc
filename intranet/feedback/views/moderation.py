"""Official answers (status), decision links and moderation."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.feedback import moderation, queries
from intranet.feedback.forms import EmptyForm, LinkForm, ReasonForm, StatusForm
from intranet.feedback.views import bp
from intranet.feedback.views.common import reason_page
from intranet.hx import redirect_after_post
from intranet.paging import paginate


def _status_form(post) -> StatusForm:
    form = StatusForm()
    form.status.choices = [(key, label) for key, label in moderation.STATUS_LABELS.items() if key != "new"]
    if not form.is_submitted():
        form.status.data = {"new": "seen", "seen": "in_progress"}.get(post.status, post.status)
    return form


def _status_changed(change) -> str:
    return _(
        "Der Status ist jetzt „%(status)s“. Unterstützende und Folgende wurden benachrichtigt.",
        status=moderation.STATUS_LABELS[change.to_status],
    )


def _status_page(post, form: StatusForm, link_form: LinkForm):
    return render_template("feedback/status.html", post=post, form=form, link_form=link_form), (
        422 if form.errors or link_form.errors else 200
    )


@bp.route("/<int:post_id>/status", methods=["GET", "POST"])
def status(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_answer_feedback(current_user, post))
    form = _status_form(post)
    if form.validate_on_submit() and attempt(
        lambda: moderation.change_status(current_user, post, form.status.data, form.answer.data),
        form=form,
        field="status",
        success=_status_changed,
    ):
        return redirect_after_post(url_for("feedback.show", post_id=post.id))
    return _status_page(
        post,
        form,
        LinkForm(decision_id=post.linked_decision_id, pilot_id=post.linked_pilot_id, formdata=None),
    )


@bp.post("/<int:post_id>/verknuepfen")
def link(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_answer_feedback(current_user, post))
    form = LinkForm()
    if form.validate_on_submit() and attempt(
        lambda: moderation.link_answers(current_user, post, form.decision_id.data, form.pilot_id.data),
        form=form,
        field="decision_id",
        success=_("Die Verknüpfung wurde gespeichert."),
    ):
        return redirect_after_post(url_for("feedback.show", post_id=post.id))
    return _status_page(post, _status_form(post), form)


@bp.get("/moderation")
def moderation_queue():
    perm.require(perm.can_moderate_feedback(current_user))
    page = paginate(queries.reported_posts())
    return render_template(
        "feedback/moderation.html",
        page=page,
        reports=queries.open_reports_by_post([post.id for post in page.items]),
        hidden=queries.recently_hidden(),
    )


@bp.route("/<int:post_id>/ausblenden", methods=["GET", "POST"])
def hide(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_moderate_feedback(current_user))
    return reason_page(
        post,
        ReasonForm(),
        lambda reason: moderation.hide_post(current_user, post, reason),
        _("Der Beitrag ist ausgeblendet. Der Grund ist für alle sichtbar."),
        url_for("feedback.moderation_queue"),
        "feedback/hide.html",
    )


def _moderate(post_id, action, message):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_moderate_feedback(current_user))
    if EmptyForm().validate_on_submit():
        attempt(lambda: action(current_user, post), success=message)
    return redirect_after_post(url_for("feedback.moderation_queue"))


@bp.post("/<int:post_id>/einblenden")
def unhide(post_id):
    return _moderate(post_id, moderation.unhide_post, _("Der Beitrag ist wieder sichtbar."))


@bp.post("/<int:post_id>/meldungen-erledigt")
def dismiss(post_id):
    return _moderate(
        post_id, moderation.dismiss_reports, _("Die Meldungen sind erledigt; der Beitrag bleibt sichtbar.")
    )
