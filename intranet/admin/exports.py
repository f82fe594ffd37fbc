"""The person list as a file: the same filters and permission as the page "Personen"."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet import permissions as perm
from intranet.admin import queries
from intranet.exports.declare import DATETIME, Column, Export

ROLE_NAMES = {"guide": _l("Lotse"), "leadership": _l("Leitung"), "admin": _l("Administration")}


def person_rows(user, search=None, role=None, status="active"):
    """People with their unit's name, streamed from the database."""
    from intranet.org.services import org_tree

    tree = org_tree()
    for person in queries.stream_users(search=search, role=role, status=status):
        unit = tree.get(person.unit_id)
        yield person, unit.name if unit else ""


def _roles(row) -> str:
    return ", ".join(str(ROLE_NAMES.get(a.role, a.role)) for a in row[0].role_assignments)


PEOPLE = Export(
    name="admin-people",
    title=_l("Personen"),
    columns=(
        Column(_l("Name"), lambda row: row[0].name),
        Column(_l("E-Mail"), lambda row: row[0].email),
        Column(_l("Einheit"), lambda row: row[1]),
        Column(_l("Rollen"), _roles),
        Column(_l("Status"), lambda row: _("aktiv") if row[0].is_active_account else _("deaktiviert")),
        Column(_l("Angelegt am"), lambda row: row[0].created_at, DATETIME),
        Column(_l("Letzte Anmeldung"), lambda row: row[0].last_login_at, DATETIME),
    ),
    rows=person_rows,
    allowed=lambda user, **filters: perm.can_manage_users(user),
    filename=lambda **filters: "personen",
    personal_data=True,
)
