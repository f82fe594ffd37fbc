"""Home panel: the newest official answers on the feedback board."""

from intranet.feedback.queries import recent_answers


def home_panel(user):
    """Recent status changes with answers (one query); never the user's own anonymous posts."""
    return {"answers": recent_answers()}
