"""Feedback board pages: board, writing a post, a post, the anonymous poster's way back.

Anonymous actions POST to URLs without ids (`/feedback/neu`, `/feedback/kommentieren`,
`/feedback/unterstuetzen`, `/feedback/anonym`); the ids travel in the form body, so access
logs do not say which post an anonymous action concerned, and the secret never appears in a
URL (the secret link carries it in the fragment, which browsers do not send). Nothing here
logs the user. Operators: a reverse proxy that logs client IPs *and* Referer headers can
still show that an address viewed a post just before an anonymous comment – log the
/feedback/ area without IPs (or not at all) where that matters.
"""

from __future__ import annotations

import secrets
import time

from flask import Blueprint, current_app, flash, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet import permissions
from intranet.extensions import db, limiter
from intranet.feedback import queries, services
from intranet.feedback.forms import (
    BODY_LABELS,
    KIND_HINTS,
    KIND_LABELS,
    AnonymousReplyForm,
    BoardFilterForm,
    CommentForm,
    PostForm,
    SecretForm,
)
from intranet.feedback.models import RANDOM_ID_LIMIT
from intranet.feedback.moderation import STATUS_LABELS
from intranet.hx import redirect_after_post, render_page_or_partial
from intranet.org.services import org_tree
from intranet.topics.services import topic_choices

bp = Blueprint("feedback", __name__, url_prefix="/feedback")


@bp.before_request
@login_required
def _signed_in():
    """Every page of the board needs a signed-in user; each view checks its own rule."""


def participation_key() -> str:
    """Rate-limit key: a random per-session value renewed hourly – never the user id."""
    now = int(time.time())
    key, born = session.get("feedback_rl") or (None, 0)
    if not key or now - born > 3600:
        key, born = secrets.token_urlsafe(16), now
        session["feedback_rl"] = [key, born]
    return "feedback:" + key


rate_limited = limiter.shared_limit(
    lambda: current_app.config.get("LOTSE_FEEDBACK_LIMIT", "30 per hour"),
    scope="feedback",
    key_func=participation_key,
    methods=["POST"],
)


def load_post_or_404(post_id) -> object:
    """The post for an id from a URL or form body; anything malformed is a 404."""
    try:
        post_id = int(post_id)
    except (TypeError, ValueError):
        post_id = 0
    # Ids are 31-bit; a larger number would overflow PostgreSQL's INTEGER (a 500, not a 404).
    post = queries.load_post(post_id) if 0 < post_id <= RANDOM_ID_LIMIT else None
    permissions.require(post is not None, hide=True)
    return post


@bp.get("/")
def board():
    permissions.require(permissions.can_use_feedback(current_user))
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
    page = db.paginate(
        queries.board_query(current_user, criteria),
        per_page=current_app.config["LOTSE_PER_PAGE"],
        error_out=False,
    )
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
    """Create the post; returns (post, secret or None), or (None, None) after a field error."""
    try:
        if form.identity.data == "anonymous":
            post, secret = services.create_anonymous_post(_draft(form))
        else:
            post, secret = services.create_named_post(current_user, _draft(form)), None
    except services.FeedbackError as error:
        db.session.rollback()
        error.show_on(form, "title")
        if error.field == "unit_id" and form.identity.data == "anonymous":
            # Offer the nearest unit that is large enough: one more click publishes.
            allowed = services.nearest_large_enough_unit(form.unit_id.data)
            form.unit_id.data = allowed.id if allowed else 0
        return None, None
    db.session.commit()
    return post, secret


@bp.route("/neu", methods=["GET", "POST"])
@rate_limited
def create():
    permissions.require(permissions.can_post_feedback(current_user))
    form = _post_form(request.args.get("art"))
    if form.kind.data not in KIND_LABELS:
        return render_template("feedback/choose_kind.html", kinds=KIND_LABELS, hints=KIND_HINTS)
    post, secret = _publish(form) if form.validate_on_submit() else (None, None)
    if post is not None and secret is None:
        flash(_("Ihr Beitrag ist veröffentlicht."), "success")
        return redirect_after_post(url_for("feedback.show", post_id=post.id))
    if post is not None:  # shown once, rendered directly: never stored, never in a URL
        return render_template(
            "feedback/secret.html", post=post, secret=secret, valid_days=services.secret_valid_days()
        )
    return render_template(
        "feedback/post_form.html", form=form, kinds=KIND_LABELS, hints=KIND_HINTS, body_labels=BODY_LABELS
    ), 422 if form.errors else 200


def render_post(post, comment_form=None, status: int = 200):
    """The post page (or only its tombstone for a hidden post)."""
    page = (
        queries.post_page(current_user, post) if permissions.can_see_hidden_post(current_user, post) else None
    )
    comment_form = comment_form or CommentForm(post_id=post.id, formdata=None)
    return render_template("feedback/post.html", post=post, page=page, comment_form=comment_form), status


@bp.get("/<int:post_id>")
def show(post_id):
    post = load_post_or_404(post_id)
    permissions.require(permissions.can_view_post(current_user, post), hide=True)
    return render_post(post)


def _open_with_secret(form):
    try:
        return services.post_for_secret(form.secret.data)
    except services.FeedbackError as error:
        form.secret.errors = [*form.secret.errors, error.message]
        return None


def _reply_as_author(post, reply: AnonymousReplyForm) -> AnonymousReplyForm:
    """Publish the anonymous poster's reply; returns the form to show next."""
    try:
        services.add_anonymous_comment(post, reply.body.data, from_post_author=True)
    except services.FeedbackError as error:
        db.session.rollback()
        reply.body.errors = [*reply.body.errors, error.message]
        return reply
    db.session.commit()
    flash(_("Ihre Antwort ist veröffentlicht – ohne Bezug zu Ihrer Person."), "success")
    return AnonymousReplyForm(secret=reply.secret.data, formdata=None)


@bp.route("/anonym", methods=["GET", "POST"])
@rate_limited
def anonymous():
    """The anonymous poster's way back: the secret comes in the body, never in the URL."""
    form = SecretForm()
    post = _open_with_secret(form) if form.validate_on_submit() else None
    if post is None:
        return render_template("feedback/secret_form.html", form=form), (422 if form.errors else 200)
    reply = AnonymousReplyForm(secret=form.secret.data.strip().lstrip("#"))
    if "body" in request.form and reply.validate():
        reply = _reply_as_author(post, reply)
    page = queries.post_page(None, post) if not post.is_hidden else None
    return render_template(
        "feedback/anonymous_post.html", post=post, page=page, reply_form=reply
    ), 422 if reply.errors else 200


from intranet.feedback import moderation_views, participation_views  # noqa: E402,F401
