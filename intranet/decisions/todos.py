"""To-dos for the home page: decisions the person still has to acknowledge."""

from flask_babel import gettext as _

from intranet.decisions import queries
from intranet.features import Todo
from intranet.urls import path_for


def todos(user) -> list[Todo]:
    """At most three, in two queries (org tree, pending)."""
    return [
        Todo(
            _("Entscheidung „%(title)s“ zur Kenntnis nehmen", title=decision.title),
            _("Lesen und bestätigen"),
            path_for("decisions.detail", decision_id=decision.id) + "#ack-heading",
            decision.effective_date,
        )
        for decision in queries.pending_acknowledgements(user, limit=3)
    ]
