"""To-dos for the home page: questions waiting in a guide's inbox."""

from flask_babel import gettext as _

from intranet import clock
from intranet import permissions as perm
from intranet.features import Todo
from intranet.guides import queries
from intranet.urls import path_for


def todos(user) -> list[Todo]:
    """The three most urgent open questions of the inbox (one query; none for non-guides)."""
    if not perm.can_use_guide_inbox(user):
        return []
    return [
        Todo(
            _("Frage „%(title)s“ beantworten", title=question.title),
            _("Antworten"),
            path_for("guides.question", question_id=question.id),
            clock.local_date(question.due_at) if question.due_at else None,
        )
        for question in queries.waiting_for(user, limit=3)
    ]
