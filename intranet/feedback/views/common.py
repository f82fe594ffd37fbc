"""What several feedback view modules share: the post behind an id-less form, the post page and
the pages that ask for a reason. (Anonymous actions are limited by a server-side budget in
`feedback/mix.py`, not by the session: a saved cookie must not reset it.)"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.feedback import queries
from intranet.feedback.forms import CommentForm
from intranet.hx import redirect_after_post


def render_post(post, comment_form=None, status: int = 200):
    """The post page (or only its tombstone for a hidden post)."""
    page = queries.post_page(current_user, post) if perm.can_see_hidden_post(current_user, post) else None
    comment_form = comment_form or CommentForm(post_id=post.id, formdata=None)
    return render_template("feedback/post.html", post=post, page=page, comment_form=comment_form), status


def post_of_form(form):
    """The post an id-less form (comment, support) names in its body; 404 unless visible."""
    post = queries.get_post_or_404(form.post_id.data)
    perm.require(perm.can_view_post(current_user, post), hide=True)
    return post


def reason_page(post, form, action, success: str, next_url: str, template: str):
    """A page whose form asks for a reason (report, hide): run `action(reason)` through
    `attempt`, then go to `next_url`; otherwise show the form again with its errors."""
    if form.validate_on_submit() and attempt(
        lambda: action(form.reason.data), form=form, field="reason", success=success
    ):
        return redirect_after_post(next_url)
    return render_template(template, post=post, form=form), (422 if form.errors else 200)
