"""Read side of the feedback board: the board query, what a post page shows, the moderation queue.

Every loader runs a fixed number of queries, whatever the number of posts or comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload

from intranet import permissions as perm
from intranet.extensions import db
from intranet.feedback.models import (
    KINDS,
    RANDOM_ID_LIMIT,
    STATUSES,
    FeedbackComment,
    FeedbackFollow,
    FeedbackPost,
    FeedbackReport,
    FeedbackStatusChange,
    FeedbackSupport,
)
from intranet.org.services import org_tree


@dataclass
class BoardFilter:
    kind: str = ""
    status: str = ""
    unit_id: int = 0
    topic_id: int = 0
    sort: str = "new"
    mine: bool = False


def board_query(user, criteria: BoardFilter):
    """Posts on the board; hidden ones only for moderators (as tombstones)."""
    query = select(FeedbackPost).options(
        joinedload(FeedbackPost.unit), joinedload(FeedbackPost.topic), joinedload(FeedbackPost.author)
    )
    if not perm.can_moderate_feedback(user):
        query = query.where(FeedbackPost.is_hidden.is_(False))
    if criteria.kind in KINDS:
        query = query.where(FeedbackPost.kind == criteria.kind)
    if criteria.status in STATUSES:
        query = query.where(FeedbackPost.status == criteria.status)
    if criteria.unit_id and org_tree().get(criteria.unit_id) is not None:
        query = query.where(FeedbackPost.unit_id.in_(org_tree().descendant_ids(criteria.unit_id)))
    if criteria.mine:  # only named posts can be found: anonymous ones have no author at all
        query = query.where(FeedbackPost.author_id == user.id)
    if criteria.topic_id:
        query = query.where(FeedbackPost.topic_id == criteria.topic_id)
    if criteria.sort == "support":
        return query.order_by(
            FeedbackPost.support_count.desc(), FeedbackPost.created_on.desc(), FeedbackPost.id
        )
    # Within a day the order is arbitrary on purpose: no time of day is stored.
    return query.order_by(FeedbackPost.created_on.desc(), FeedbackPost.id)


def supported_ids(user, post_ids) -> set[int]:
    """Which of these posts the user supports by name (one query)."""
    if not post_ids:
        return set()
    return set(
        db.session.scalars(
            select(FeedbackSupport.post_id).where(
                FeedbackSupport.user_id == user.id, FeedbackSupport.post_id.in_(post_ids)
            )
        )
    )


def get_post_or_404(post_id) -> FeedbackPost:
    """The post for an id from a URL or a form body; anything malformed or unknown is a 404."""
    try:
        post_id = int(post_id)
    except (TypeError, ValueError):
        post_id = 0
    # Ids are 31-bit; a larger number would overflow PostgreSQL's INTEGER (a 500, not a 404).
    post = load_post(post_id) if 0 < post_id <= RANDOM_ID_LIMIT else None
    if post is None:
        abort(404)
    return post


def load_post(post_id: int) -> FeedbackPost | None:
    """The post with what its page and card show, or None."""
    return db.session.scalar(
        select(FeedbackPost)
        .options(
            joinedload(FeedbackPost.unit),
            joinedload(FeedbackPost.topic),
            joinedload(FeedbackPost.author),
            joinedload(FeedbackPost.linked_decision),
            joinedload(FeedbackPost.linked_pilot),
        )
        .where(FeedbackPost.id == post_id)
    )


@dataclass
class PostPage:
    post: FeedbackPost
    comments: list
    history: list
    is_supported: bool
    is_following: bool


def post_page(user, post: FeedbackPost) -> PostPage:
    """Comments, answers and the user's own support/follow state (four queries)."""
    comments = list(
        db.session.scalars(
            select(FeedbackComment)
            .options(joinedload(FeedbackComment.author))
            .where(FeedbackComment.post_id == post.id)
            .order_by(FeedbackComment.position)
        )
    )
    history = list(
        db.session.scalars(
            select(FeedbackStatusChange)
            .options(joinedload(FeedbackStatusChange.actor))
            .where(FeedbackStatusChange.post_id == post.id)
            .order_by(FeedbackStatusChange.created_at, FeedbackStatusChange.id)
        )
    )
    supported = bool(user is not None and supported_ids(user, [post.id]))
    following = (
        user is not None
        and db.session.scalar(
            select(FeedbackFollow.id).where(
                FeedbackFollow.post_id == post.id, FeedbackFollow.user_id == user.id
            )
        )
        is not None
    )
    return PostPage(post, comments, history, supported, following)


def recent_answers(limit: int = 5):
    """The newest official answers on visible posts (home panel)."""
    return list(
        db.session.scalars(
            select(FeedbackStatusChange)
            .options(selectinload(FeedbackStatusChange.post))
            .join(FeedbackPost, FeedbackPost.id == FeedbackStatusChange.post_id)
            .where(FeedbackPost.is_hidden.is_(False))
            .order_by(FeedbackStatusChange.created_at.desc(), FeedbackStatusChange.id.desc())
            .limit(limit)
        )
    )


def has_supported(user, post: FeedbackPost) -> bool:
    """True if the user supports the post by name."""
    return bool(
        db.session.scalar(
            select(exists().where(FeedbackSupport.post_id == post.id, FeedbackSupport.user_id == user.id))
        )
    )


def is_following(user, post: FeedbackPost) -> bool:
    """True if the user follows the post."""
    return bool(
        db.session.scalar(
            select(exists().where(FeedbackFollow.post_id == post.id, FeedbackFollow.user_id == user.id))
        )
    )


# --- Moderation ------------------------------------------------------------------------------


def reported_posts():
    """Posts with open reports, most reported first (for `paginate`)."""
    return (
        select(FeedbackPost)
        .where(FeedbackPost.open_report_count > 0)
        .order_by(FeedbackPost.open_report_count.desc(), FeedbackPost.id)
    )


def open_reports_by_post(post_ids) -> dict[int, list[FeedbackReport]]:
    """The open reports of these posts with their reporters, oldest first (one query)."""
    if not post_ids:
        return {}
    reports = db.session.scalars(
        select(FeedbackReport)
        .options(joinedload(FeedbackReport.reporter))
        .where(FeedbackReport.post_id.in_(post_ids), FeedbackReport.resolved_at.is_(None))
        .order_by(FeedbackReport.created_at)
    )
    by_post: dict[int, list[FeedbackReport]] = {}
    for report in reports:
        by_post.setdefault(report.post_id, []).append(report)
    return by_post


def recently_hidden(limit: int = 20) -> list[FeedbackPost]:
    """The most recently hidden posts (side list of the moderation page)."""
    return list(
        db.session.scalars(
            select(FeedbackPost)
            .where(FeedbackPost.is_hidden.is_(True))
            .order_by(FeedbackPost.hidden_at.desc())
            .limit(limit)
        )
    )


def named_activity(user, limit: int = 500) -> tuple[list, list, list, list]:
    """The user's named posts, comments, supports and reports ("Meine Daten"; four queries).

    Anonymous content has no author reference, so it cannot be in here.
    """
    posts = db.session.scalars(
        select(FeedbackPost)
        .where(FeedbackPost.author_id == user.id)
        .order_by(FeedbackPost.created_on.desc())
        .limit(limit)
    ).all()
    comments = db.session.scalars(
        select(FeedbackComment).where(FeedbackComment.author_id == user.id).limit(limit)
    ).all()
    supports = db.session.scalars(
        select(FeedbackSupport).where(FeedbackSupport.user_id == user.id).limit(limit)
    ).all()
    reports = db.session.scalars(
        select(FeedbackReport)
        .options(joinedload(FeedbackReport.reporter))
        .where(FeedbackReport.reporter_id == user.id)
        .limit(limit)
    ).all()
    return list(posts), list(comments), list(supports), list(reports)
