"""Pilotprojekte: pilots with sign-up, capacity and waitlist, owner tools, lessons learned."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, LinkSource, NavEntry, Panel
from intranet.pilots import demo, my_data, panels
from intranet.pilots.models import Pilot
from intranet.pilots.views import bp

feature = Feature(
    name="pilots",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("pilots.index", _l("Pilotprojekte"), icon="flask-conical", tone="plum"),
    panels=(Panel("pilots", panels.home_panel, "pilots/partials/_home_panel.html"),),
    seed=demo.seed,
    seed_after=("org", "training", "decisions"),
    my_data=(my_data.section,),
    stylesheet="css/pilots.css",
    link_sources=(
        LinkSource("decision", _l("Pilotprojekte"), Pilot, "result_decision_id", "pilots.detail", "pilot_id"),
    ),
    bench="bench.features.pilots",
)
