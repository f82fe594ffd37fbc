"""Administration: people and roles, staff import, topics, the audit log."""

from flask_babel import lazy_gettext as _l

from intranet import permissions as perm
from intranet.admin import exports
from intranet.admin.views import audit, bp, outbox, staff_import, topics, users  # noqa: F401 - modules add their routes
from intranet.features import Feature, NavEntry

feature = Feature(
    name="admin",
    blueprints=(bp,),
    exports=(exports.PEOPLE,),
    nav=NavEntry(
        "admin.users", _l("Verwaltung"), visible=perm.can_use_admin_area, icon="settings", tone="grey"
    ),
    legacy_paths={
        "/admin/users": "admin.users",
        "/admin/users/new": "admin.create_user",
        "/admin/users/<int:user_id>": "admin.edit_user",
        "/admin/users/<int:user_id>/deactivate": "admin.deactivate_user",
        "/admin/users/<int:user_id>/reactivate": "admin.reactivate_user",
        "/admin/import": "admin.import_staff",
        "/admin/audit": "admin.audit_log",
        "/admin/topics": "admin.topics",
        "/admin/topics/<int:topic_id>": "admin.edit_topic",
        "/admin/topics/<int:topic_id>/toggle": "admin.toggle_topic",
    },
)
