"""Official answers (status), decision links and moderation – views of the board."""

from __future__ import annotations

from flask import flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from intranet import permissions
from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.forms import EmptyForm, LinkForm, ReasonForm, StatusForm
from intranet.feedback.models import FeedbackPost, FeedbackReport
from intranet.feedback.views import bp, load_post_or_404
from intranet.hx import redirect_after_post


def _status_form(post) -> StatusForm:
    form = StatusForm()
    form.status.choices = [(key, label) for key, label in moderation.STATUS_LABELS.items() if key != "new"]
    if not form.is_submitted():
        form.status.data = {"new": "seen", "seen": "in_progress"}.get(post.status, post.status)
    return form


@bp.route("/<int:post_id>/status", methods=["GET", "POST"])
def status(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_answer_feedback(current_user, post))
    form = _status_form(post)
    if form.validate_on_submit():
        try:
            moderation.change_status(current_user, post, form.status.data, form.answer.data)
        except services.FeedbackError as error:
            db.session.rollback()
            post = load_post_or_404(post_id)
            error.show_on(form, "status")
        else:
            db.session.commit()
            flash(
                _(
                    "Der Status ist jetzt „%(status)s“. Unterstützende und Folgende wurden benachrichtigt.",
                    status=moderation.STATUS_LABELS[post.status],
                ),
                "success",
            )
            return redirect_after_post(url_for("feedback.show", post_id=post.id))
    return render_template(
        "feedback/status.html",
        post=post,
        form=form,
        link_form=LinkForm(decision_id=post.linked_decision_id, pilot_id=post.linked_pilot_id),
    ), (422 if form.errors else 200)


@bp.post("/<int:post_id>/verknuepfen")
def link(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_answer_feedback(current_user, post))
    form = LinkForm()
    if form.validate_on_submit():
        try:
            moderation.link_answers(current_user, post, form.decision_id.data, form.pilot_id.data)
        except services.FeedbackError as error:
            db.session.rollback()
            post = load_post_or_404(post_id)
            form[error.field].errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Die Verknüpfung wurde gespeichert."), "success")
            return redirect_after_post(url_for("feedback.show", post_id=post.id))
    return render_template("feedback/status.html", post=post, form=_status_form(post), link_form=form), 422


@bp.get("/moderation")
def moderation_queue():
    permissions.require(permissions.can_moderate_feedback(current_user))
    page = db.paginate(
        select(FeedbackPost)
        .where(FeedbackPost.open_report_count > 0)
        .order_by(FeedbackPost.open_report_count.desc(), FeedbackPost.id),
        per_page=25,
        error_out=False,
    )
    reports = db.session.scalars(
        select(FeedbackReport)
        .options(joinedload(FeedbackReport.reporter))
        .where(
            FeedbackReport.post_id.in_([post.id for post in page.items]), FeedbackReport.resolved_at.is_(None)
        )
        .order_by(FeedbackReport.created_at)
    ).all()
    hidden = db.session.scalars(
        select(FeedbackPost)
        .where(FeedbackPost.is_hidden.is_(True))
        .order_by(FeedbackPost.hidden_at.desc())
        .limit(20)
    ).all()
    by_post: dict[int, list] = {}
    for item in reports:
        by_post.setdefault(item.post_id, []).append(item)
    return render_template("feedback/moderation.html", page=page, reports=by_post, hidden=hidden)


@bp.route("/<int:post_id>/ausblenden", methods=["GET", "POST"])
def hide(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_moderate_feedback(current_user))
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            moderation.hide_post(current_user, post, form.reason.data)
        except services.FeedbackError as error:
            db.session.rollback()
            form.reason.errors = [*form.reason.errors, error.message]
        else:
            db.session.commit()
            flash(_("Der Beitrag ist ausgeblendet. Der Grund ist für alle sichtbar."), "success")
            return redirect_after_post(url_for("feedback.moderation_queue"))
    return render_template("feedback/hide.html", post=post, form=form), (422 if form.errors else 200)


def _moderate(post_id, action, message):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_moderate_feedback(current_user))
    if EmptyForm().validate_on_submit():
        try:
            action(current_user, post)
        except services.FeedbackError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(message, "success")
    return redirect_after_post(url_for("feedback.moderation_queue"))


@bp.post("/<int:post_id>/einblenden")
def unhide(post_id):
    return _moderate(post_id, moderation.unhide_post, _("Der Beitrag ist wieder sichtbar."))


@bp.post("/<int:post_id>/meldungen-erledigt")
def dismiss(post_id):
    return _moderate(
        post_id, moderation.dismiss_reports, _("Die Meldungen sind erledigt; der Beitrag bleibt sichtbar.")
    )
