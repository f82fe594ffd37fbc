"""Home panel: the newest unread notifications."""

from intranet.notify import queries


def home_panel(user):
    return {"notifications": queries.newest_unread(user)}
