"""Home panel: my open questions and, for guides, the inbox count."""

from intranet import permissions as perm
from intranet.guides import queries


def home_panel(user):
    count = queries.inbox_count(user) if perm.can_use_guide_inbox(user) else None
    return {"questions": queries.open_questions_of(user), "inbox_count": count}
