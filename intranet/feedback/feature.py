"""Feedback & Fehlerkultur: posts (anonymous where needed), support, comments, status, moderation."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, Job, LinkSource, NavEntry, Panel
from intranet.feedback import demo, jobs, mix, my_data, panels, privacy
from intranet.feedback.models import FeedbackPost
from intranet.feedback.views import board, bp, moderation, participation  # noqa: F401 - modules add their routes

feature = Feature(
    name="feedback",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("feedback.board", _l("Feedback"), icon="message-square-heart", tone="rose"),
    panels=(Panel("feedback", panels.home_panel, "feedback/partials/_home_panel.html"),),
    seed=demo.seed,
    seed_after=("org", "decisions", "pilots"),
    jobs=(
        Job(
            mix.JOB_NAME,
            mix.publish_queue,
            "Veröffentlicht anonyme Beiträge, Kommentare und Unterstützungen gemischt in einem Schub.",
            "interval",
            {"minutes": mix.interval_minutes()},
        ),
        Job(
            "feedback-new-posts",
            jobs.notify_new_posts,
            "Sagt Leitung und Administration, wie viele Feedback-Beiträge gestern kamen.",
            "cron",
            {"hour": 7, "minute": 15},
        ),
    ),
    my_data=(my_data.section,),
    stylesheet="css/feedback.css",
    link_sources=(
        LinkSource(
            "decision",
            _l("Beiträge aus Feedback & Fehlerkultur"),
            FeedbackPost,
            "linked_decision_id",
            "feedback.show",
            "post_id",
            hidden="is_hidden",
        ),
    ),
    bench="bench.features.feedback",
    data_categories=privacy.CATEGORIES,
)
