"""To-dos for the home page: assigned learning paths with a due date."""

from flask_babel import format_date
from flask_babel import gettext as _

from intranet.features import Todo
from intranet.training import queries
from intranet.urls import path_for


def todos(user) -> list[Todo]:
    """Open enrolments with a due date, the nearest first: one query."""
    return [
        Todo(
            _(
                "Lernpfad „%(title)s“ abschließen, fällig am %(date)s",
                title=e.path.title,
                date=format_date(e.due_on),
            ),
            _("Weitermachen"),
            path_for("training.path_page", path_id=e.path_id),
            e.due_on,
        )
        for e in queries.due_enrolments(user, limit=3)
    ]
