"""Start page, "Meine Daten", the footer's site pages and the health check."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, NavEntry
from intranet.main.views import bp

feature = Feature(
    name="main",
    blueprints=(bp,),
    nav=NavEntry("main.home", _l("Start"), whole_blueprint=False, icon="house", tone="blue"),
)
