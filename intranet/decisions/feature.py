"""Entscheidungen: the decision register with revisions, follow, questions, acknowledgement, feeds, API."""

from flask_babel import lazy_gettext as _l

from intranet.decisions import demo, exports, jobs, my_data, panels, privacy, todos
from intranet.decisions.api import bp as api_bp
from intranet.decisions.views import bp
from intranet.features import Feature, Job, NavEntry, Panel

feature = Feature(
    name="decisions",
    is_pillar=True,
    blueprints=(bp, api_bp),
    nav=NavEntry("decisions.index", _l("Entscheidungen"), icon="scale", tone="amber"),
    panels=(Panel("decisions", panels.home_panel, "decisions/partials/_home_panel.html"),),
    todos=(todos.todos,),
    seed=demo.seed,
    seed_after=("org", "guides", "training"),
    jobs=(
        Job(
            "decision-reminders",
            jobs.run_reminders,
            "Erinnert an offene Fragen zu Entscheidungen, Überprüfungstermine und Kenntnisnahmen.",
            "cron",
            {"hour": 6, "minute": 45},
        ),
    ),
    my_data=(my_data.section, my_data.tokens_section),
    stylesheet="css/decisions.css",
    bench="bench.features.decisions",
    exports=(exports.REGISTER,),
    data_categories=privacy.CATEGORIES,
)
