"""The organisation tree: units, their parents, and the demo Landratsamt's structure."""

from flask_babel import lazy_gettext as _l

from intranet.demo import org as demo_org
from intranet.features import Feature, NavEntry
from intranet.org.views import bp

feature = Feature(
    name="org",
    blueprints=(bp,),
    nav=NavEntry("org.tree", _l("Organisation"), icon="network", tone="slate"),
    seed=demo_org.seed,
    legacy_paths={
        "/org/": "org.tree",
        "/org/new": "org.create",
        "/org/<int:unit_id>": "org.edit",
        "/org/<int:unit_id>/deactivate": "org.deactivate",
        "/org/<int:unit_id>/reactivate": "org.reactivate",
    },
)
