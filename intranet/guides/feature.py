"""Lotsen & Fragen: whom to ask at every level, questions, answers, escalation up the tree."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, Job, NavEntry, Panel
from intranet.guides import demo, jobs, my_data, panels, privacy, todos
from intranet.guides.views import bp, directory, inbox, manage, questions  # noqa: F401 - modules add their routes

feature = Feature(
    name="guides",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("guides.index", _l("Lotsen & Fragen"), icon="life-buoy", tone="teal"),
    panels=(Panel("guides", panels.home_panel, "guides/partials/_home_panel.html"),),
    todos=(todos.todos,),
    seed=demo.seed,
    seed_after=("org",),
    jobs=(
        Job(
            "escalate",
            jobs.escalate,
            "Leitet unbeantwortete Fragen nach Fristablauf an die nächste Ebene weiter.",
            "interval",
            {"minutes": 5},
        ),
        Job(
            "warn-deadline",
            jobs.warn,
            "Erinnert Lotsen kurz vor Ablauf der Antwortfrist.",
            "interval",
            {"minutes": 5},
        ),
    ),
    my_data=(my_data.section,),
    stylesheet="css/guides.css",
    bench="bench.features.guides",
    legacy_paths={
        "/guides/questions/<int:question_id>/accept": "guides.accept",
        "/guides/questions/<int:question_id>/answer": "guides.answer",
        "/guides/ask": "guides.ask",
        "/guides/questions/<int:question_id>/claim": "guides.claim",
        "/guides/coverage": "guides.coverage",
        "/guides/directory": "guides.directory",
        "/guides/profile/<int:user_id>": "guides.edit_profile",
        "/guides/escalation": "guides.escalation_settings",
        "/guides/faq": "guides.faq",
        "/guides/questions/<int:question_id>/follow": "guides.follow",
        "/guides/inbox": "guides.inbox",
        "/guides/inbox/badge": "guides.inbox_badge",
        "/guides/inbox/count": "guides.inbox_count",
        "/guides/": "guides.index",
        "/guides/questions/<int:question_id>": "guides.question",
        "/guides/questions/<int:question_id>/release": "guides.release",
        "/guides/units/<int:unit_id>/remove/<int:user_id>": "guides.remove_unit_guide",
        "/guides/questions/<int:question_id>/reopen": "guides.reopen",
        "/guides/questions/<int:question_id>/reply": "guides.reply",
        "/guides/questions/<int:question_id>/solve": "guides.solve",
        "/guides/suggestions": "guides.suggestions",
        "/guides/units/<int:unit_id>": "guides.unit_guides",
    },
    data_categories=privacy.CATEGORIES,
)
