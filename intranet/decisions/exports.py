"""The decision register as a file: the viewer's visible decisions with the page's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from intranet import permissions, urls
from intranet.decisions import queries
from intranet.exports.declare import DATE, DATETIME, Column, Export


def register_rows(user, filters):
    """The register's rows with unit names from the org tree, streamed from the database."""
    from intranet.org.services import org_tree

    tree = org_tree()
    for decision in queries.stream_register(user, filters):
        unit = tree.get(decision.unit_id)
        yield decision, unit.name if unit else ""


REGISTER = Export(
    name="decision-register",
    title=_l("Entscheidungen"),
    columns=(
        Column(_l("Titel"), lambda row: row[0].title, width=50),
        Column(_l("Status"), lambda row: row[0].status_label),
        Column(_l("Verantwortliche Einheit"), lambda row: row[1]),
        Column(_l("Thema"), lambda row: row[0].topic.name if row[0].topic else ""),
        Column(_l("Betroffene Einheiten"), lambda row: ", ".join(u.name for u in row[0].affected_units)),
        Column(_l("Entschieden am"), lambda row: row[0].decided_on, DATE),
        Column(_l("Gilt ab"), lambda row: row[0].effective_date, DATE),
        Column(_l("Überprüfung am"), lambda row: row[0].review_date, DATE),
        Column(_l("Veröffentlicht am"), lambda row: row[0].published_at, DATETIME),
        Column(_l("Was ändert sich für mich?"), lambda row: row[0].summary, width=60),
        Column(_l("Link"), lambda row: urls.absolute_url("decisions.detail", decision_id=row[0].id)),
    ),
    rows=register_rows,
    allowed=lambda user, filters: permissions.can_view_decisions(user),
    filename=lambda filters: "entscheidungen",
    personal_data=False,
)
