"""The board, writing a post, a post, and the anonymous poster's way back."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.feedback import mix, queries, services
from intranet.feedback.forms import (
    BODY_LABELS,
    KIND_HINTS,
    KIND_LABELS,
    AnonymousReplyForm,
    BoardFilterForm,
    PostForm,
    SecretForm,
)
from intranet.feedback.moderation import STATUS_LABELS
from intranet.feedback.views import bp
from intranet.feedback.views.common import render_post
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.org.services import org_tree
from intranet.paging import paginate
from intranet.topics.services import topic_choices


@bp.get("/")
def board():
    perm.require(perm.can_use_feedback(current_user))
    form = BoardFilterForm(request.args)
    form.set_choices(STATUS_LABELS, org_tree().choices(), topic_choices(_("Alle Themen")))
    criteria = queries.BoardFilter(
        form.kind.data or "",
        form.status.data or "",
        form.unit.data or 0,
        form.topic.data or 0,
        form.sort.data,
        bool(form.mine.data),
    )
    page = paginate(queries.board_query(current_user, criteria))
    supported = queries.supported_ids(current_user, [post.id for post in page.items])
    return render_page_or_partial(
        "feedback/board.html",
        "feedback/partials/_results.html",
        "feedback-results",
        page=page,
        form=form,
        supported=supported,
    )


def _post_form(kind: str | None) -> PostForm:
    form = PostForm()
    if kind and not form.is_submitted():
        form.kind.data = kind
    form.set_choices(org_tree().choices(), topic_choices(_("– kein Thema –")), services.anonymity_k())
    form.mark_required()
    return form


def _draft(form: PostForm) -> services.PostDraft:
    return services.PostDraft(
        kind=form.kind.data,
        title=form.title.data,
        body=form.body.data,
        what_happened=form.what_happened.data,
        what_helped=form.what_helped.data,
        what_learned=form.what_learned.data,
        what_prevents=form.what_prevents.data,
        unit_id=form.unit_id.data or None,
        topic_id=form.topic_id.data or None,
    )


def _publish(form: PostForm):
    """Create the post; the result's value is (post, secret or None)."""
    anonymous = form.identity.data == "anonymous"

    def publish():
        if anonymous:  # queued, published later in a shuffled batch (feedback/mix.py)
            return None, mix.enqueue_post(current_user, _draft(form))
        return services.create_named_post(current_user, _draft(form)), None

    result = attempt(
        publish, form=form, field="title", success=None if anonymous else _("Ihr Beitrag ist veröffentlicht.")
    )
    if not result and result.error.field == "unit_id" and anonymous:
        # Offer the nearest unit that is large enough: one more click publishes.
        allowed = services.nearest_large_enough_unit(form.unit_id.data)
        form.unit_id.data = allowed.id if allowed else 0
    return result


@bp.route("/neu", methods=["GET", "POST"])
def create():
    perm.require(perm.can_post_feedback(current_user))
    form = _post_form(request.args.get("art"))
    if form.kind.data not in KIND_LABELS:
        return render_template("feedback/choose_kind.html", kinds=KIND_LABELS, hints=KIND_HINTS)
    if form.validate_on_submit() and (result := _publish(form)):
        post, secret = result.value
        if secret is None:
            return redirect_after_post(url_for("feedback.show", post_id=post.id))
        # Shown once, rendered directly: never stored, never in a URL.
        return render_template(
            "feedback/secret.html",
            title=form.title.data,
            secret=secret,
            valid_days=services.secret_valid_days(),
            hours=mix.longest_wait_hours(),
        )
    return render_template(
        "feedback/post_form.html", form=form, kinds=KIND_LABELS, hints=KIND_HINTS, body_labels=BODY_LABELS
    ), 422 if form.errors else 200


@bp.get("/<int:post_id>")
def show(post_id):
    post = queries.get_post_or_404(post_id)
    perm.require(perm.can_view_post(current_user, post), hide=True)
    return render_post(post)


@bp.route("/anonym", methods=["GET", "POST"])
def anonymous():
    """The anonymous poster's way back: the secret comes in the body, never in the URL."""
    form = SecretForm()
    opened = form.validate_on_submit() and attempt(
        lambda: mix.post_for_secret(form.secret.data), form=form, field="secret"
    )
    if not opened:
        return render_template("feedback/secret_form.html", form=form), (422 if form.errors else 200)
    post = opened.value
    reply = AnonymousReplyForm(secret=form.secret.data.strip().lstrip("#"))
    if (
        "body" in request.form
        and reply.validate()
        and attempt(
            lambda: mix.enqueue_comment(current_user, post, reply.body.data, from_post_author=True),
            form=reply,
            field="body",
            success=_(
                "Ihre Antwort ist eingegangen. Sie erscheint mit der nächsten Sammelveröffentlichung "
                "– ohne Bezug zu Ihrer Person."
            ),
        )
    ):
        reply = AnonymousReplyForm(secret=reply.secret.data, formdata=None)
    page = queries.post_page(None, post) if not post.is_hidden else None
    return render_template(
        "feedback/anonymous_post.html", post=post, page=page, reply_form=reply
    ), 422 if reply.errors else 200
