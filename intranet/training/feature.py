"""Lernpfade: training paths with steps, assignments with due dates, reports in aggregate."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, Job, NavEntry, Panel
from intranet.training import demo, jobs, my_data, panels, privacy
from intranet.training.views import bp

feature = Feature(
    name="training",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("training.catalogue", _l("Lernpfade")),
    panels=(Panel("training", panels.home_panel, "training/partials/_home_panel.html"),),
    seed=demo.seed,
    seed_after=("org", "guides"),
    jobs=(
        Job(
            "training-reminders",
            jobs.training_reminders,
            "Erinnert 14 und 3 Tage vor dem Termin an zugewiesene Lernpfade.",
            "cron",
            {"hour": 6, "minute": 30},
        ),
    ),
    my_data=(my_data.section,),
    stylesheet="css/training.css",
    bench="bench.features.training",
    data_categories=privacy.CATEGORIES,
)
