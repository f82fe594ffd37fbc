"""Daily job: tell responsible people how many posts arrived yesterday.

There is deliberately no notification per new post: its timestamp (`notification.created_at`)
would record when an anonymous post was written, to the second, and undo the date-only rule.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet import clock, urls
from intranet import permissions as perm
from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.feedback.models import FeedbackPost
from intranet.notify.models import Notification
from intranet.notify.services import notify

KIND = "feedback_new_posts"


def notify_new_posts() -> int:
    """Notify leadership (for their units) and admins of yesterday's posts, once a day."""
    today = clock.local_today()
    posts = db.session.scalars(
        select(FeedbackPost).where(
            FeedbackPost.created_on == today - timedelta(days=1), FeedbackPost.is_hidden.is_(False)
        )
    ).all()
    if not posts:
        return 0
    day_start = datetime.combine(today, time(), clock.LOCAL_TZ)
    already = set(
        db.session.scalars(
            select(Notification.user_id).where(
                Notification.kind == KIND, Notification.created_at >= day_start
            )
        )
    )
    responsible = db.session.scalars(
        select(User)
        .options(selectinload(User.role_assignments))
        .where(
            User.is_active_account.is_(True),
            User.id.in_(
                select(RoleAssignment.user_id).where(RoleAssignment.role.in_(("leadership", "admin")))
            ),
        )
    )
    by_count: dict[int, list[User]] = defaultdict(list)
    for user in responsible:
        count = sum(perm.can_answer_feedback(user, post) for post in posts)
        if count and user.id not in already:
            by_count[count].append(user)
    sent = 0
    for count, users in by_count.items():
        sent += notify(
            users,
            KIND,
            lazy_ngettext(
                "Feedback: %(num)d neuer Beitrag für Ihre Einheiten wartet auf eine Antwort.",
                "Feedback: %(num)d neue Beiträge für Ihre Einheiten warten auf eine Antwort.",
                count,
            ),
            urls.path_for("feedback.board", status="new"),
        )
    return sent
