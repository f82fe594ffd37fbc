"""Pilotprojekte: pilots with sign-up, capacity and waitlist, owner tools, lessons learned."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, LinkSource, NavEntry, Panel
from intranet.pilots import demo, exports, my_data, panels, privacy
from intranet.pilots.models import Pilot
from intranet.pilots.views import bp, manage, public  # noqa: F401 - modules add their routes

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
    exports=(exports.PARTICIPANTS,),
    # Until the German paths: /pilots/… (bookmarks, old notifications and mails keep working).
    legacy_paths={
        "/pilots/": "pilots.index",
        "/pilots/gelernt": "pilots.lessons",
        "/pilots/neu": "pilots.create",
        "/pilots/<int:pilot_id>": "pilots.detail",
        "/pilots/<int:pilot_id>/termine.ics": "pilots.calendar",
        "/pilots/<int:pilot_id>/anmelden": "pilots.sign_up",
        "/pilots/<int:pilot_id>/abmelden": "pilots.withdraw",
        "/pilots/<int:pilot_id>/bearbeiten": "pilots.edit",
        "/pilots/<int:pilot_id>/teilnehmende": "pilots.manage",
        "/pilots/<int:pilot_id>/teilnehmende.csv": "pilots.export",
        "/pilots/<int:pilot_id>/teilnehmende/<int:signup_id>/entfernen": "pilots.remove",
        "/pilots/<int:pilot_id>/plaetze": "pilots.capacity",
        "/pilots/<int:pilot_id>/anmeldung/<any(schliessen, oeffnen):action>": "pilots.toggle_signup",
        "/pilots/<int:pilot_id>/status": "pilots.change_status",
        "/pilots/<int:pilot_id>/nachricht": "pilots.message",
        "/pilots/<int:pilot_id>/termine": "pilots.add_date",
        "/pilots/<int:pilot_id>/termine/<int:date_id>/loeschen": "pilots.delete_date",
        "/pilots/<int:pilot_id>/ergebnisse": "pilots.results",
    },
    data_categories=privacy.CATEGORIES,
)
