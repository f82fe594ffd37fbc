"""Administration: people and roles, staff import, topics, the audit log."""

from flask_babel import lazy_gettext as _l

from intranet import permissions
from intranet.admin import outbox_views  # noqa: F401 - adds the outbox page to bp
from intranet.admin.views import bp
from intranet.features import Feature, NavEntry

feature = Feature(
    name="admin",
    blueprints=(bp,),
    nav=NavEntry("admin.users", _l("Verwaltung"), visible=permissions.can_use_admin_area),
)
