"""Feedback at Landkreis scale: 10,000 posts, 60,000 named supports, comments and reports."""

from __future__ import annotations

from datetime import timedelta

from bench.context import BenchContext, BenchPage
from intranet import clock
from intranet.feedback.models import (
    KINDS,
    RANDOM_ID_LIMIT,
    STATUSES,
    FeedbackComment,
    FeedbackPost,
    FeedbackReport,
    FeedbackSupport,
)

POSTS, SUPPORTS, BIG_THREAD, REPORTED = 10_000, 60_000, 200, 300


def seed(ctx: BenchContext) -> None:
    """10,000 posts of every kind and status, 60,000 supports, one 200-comment thread."""
    rng, today = ctx.rng, clock.now().date()
    post_ids = rng.sample(range(1, RANDOM_ID_LIMIT), POSTS)
    units = ctx.all_unit_ids()
    supporters: dict[int, set[int]] = {post_id: set() for post_id in post_ids}
    total = 0
    while total < SUPPORTS:  # a few posts get many supports, most get a handful
        users = supporters[post_ids[int(rng.paretovariate(0.8) * 7) % POSTS]]
        before = len(users)
        users.add(rng.choice(ctx.user_ids))
        total += len(users) - before
    rows = []
    for index, post_id in enumerate(post_ids):
        anonymous = index % 4 == 0
        kind = KINDS[index % len(KINDS)]
        anonymous_supports = rng.randrange(0, 4)
        rows.append(
            {
                "id": post_id,
                "kind": kind,
                "title": f"Beitrag {index}: Scan-Stau und E-Akte",
                "body": "" if kind == "lesson" else "Ein **kurzer** Text mit Markdown. " * 8,
                "what_happened": "Die Post lag lange. " * 5 if kind == "lesson" else "",
                "what_helped": "",
                "what_learned": "Früher nachfragen." if kind == "lesson" else "",
                "what_prevents": "",
                "is_anonymous": anonymous,
                "author_id": None if anonymous else rng.choice(ctx.user_ids),
                "secret_hash": None,
                "unit_id": rng.choice(units),
                "topic_id": None,
                "created_on": today - timedelta(days=rng.randrange(0, 720)),
                "status": STATUSES[index % len(STATUSES)],
                "status_changed_at": None,
                "support_count": len(supporters[post_id]) + anonymous_supports,
                "anonymous_support_count": anonymous_supports,
                "comment_count": BIG_THREAD if index == 0 else 0,
                "open_report_count": 2 if index < REPORTED else 0,
                "is_hidden": REPORTED <= index < REPORTED + 50,
                "hidden_reason": "Regelverstoß" if REPORTED <= index < REPORTED + 50 else None,
                "hidden_at": clock.now() if REPORTED <= index < REPORTED + 50 else None,
                "hidden_by_id": ctx.role_user_ids["admin"] if REPORTED <= index < REPORTED + 50 else None,
                "linked_decision_id": None,
            }
        )
    ctx.bulk_insert(FeedbackPost, rows)
    ctx.bulk_insert(
        FeedbackSupport,
        [
            {"post_id": post_id, "user_id": user_id}
            for post_id, users in supporters.items()
            for user_id in users
        ],
    )
    thread = post_ids[0]
    comment_ids = rng.sample(range(1, RANDOM_ID_LIMIT), BIG_THREAD)
    ctx.bulk_insert(
        FeedbackComment,
        [
            {
                "id": comment_ids[n],
                "post_id": thread,
                "position": n + 1,
                "body": "Sehe ich auch so. " * 4,
                "is_anonymous": n % 3 == 0,
                "is_from_post_author": False,
                "author_id": None if n % 3 == 0 else rng.choice(ctx.user_ids),
                "created_on": today,
            }
            for n in range(BIG_THREAD)
        ],
    )
    ctx.bulk_insert(
        FeedbackReport,
        [
            {
                "post_id": post_ids[index],
                "reporter_id": rng.choice(ctx.user_ids),
                "reason": "Unsachlich",
                "created_at": clock.now(),
                "resolved_at": None,
                "resolved_by_id": None,
            }
            for index in range(REPORTED)
            for _ in range(2)
        ],
    )
    ctx.store["feedback_thread"] = thread


def pages(ctx: BenchContext) -> list[BenchPage]:
    return [
        BenchPage("Feedback: Board nach Unterstützung", "/feedback/?sort=support", role="staff"),
        BenchPage(
            "Feedback: Beitrag mit 200 Kommentaren", f"/feedback/{ctx.store['feedback_thread']}", role="staff"
        ),
        BenchPage("Feedback: Moderation", "/feedback/moderation", role="admin"),
    ]
