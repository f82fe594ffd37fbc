"""What several feedback view modules share: the participation rate limit and the post page."""

from __future__ import annotations

import secrets
import time

from flask import current_app, render_template, session
from flask_login import current_user

from intranet import permissions as perm
from intranet.extensions import limiter
from intranet.feedback import queries
from intranet.feedback.forms import CommentForm


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


def render_post(post, comment_form=None, status: int = 200):
    """The post page (or only its tombstone for a hidden post)."""
    page = queries.post_page(current_user, post) if perm.can_see_hidden_post(current_user, post) else None
    comment_form = comment_form or CommentForm(post_id=post.id, formdata=None)
    return render_template("feedback/post.html", post=post, page=page, comment_form=comment_form), status
