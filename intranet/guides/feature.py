"""Lotsen & Fragen: whom to ask at every level, questions, answers, escalation up the tree."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, Job, NavEntry, Panel
from intranet.guides import demo, jobs, my_data, panels
from intranet.guides.views import bp

feature = Feature(
    name="guides",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("guides.index", _l("Lotsen & Fragen"), icon="life-buoy", tone="teal"),
    panels=(Panel("guides", panels.home_panel, "guides/partials/_home_panel.html"),),
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
)
