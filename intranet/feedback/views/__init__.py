"""Feedback board views: the blueprint; the routes live in `board`, `participation`, `moderation`.

Anonymous actions POST to URLs without ids (`/feedback/neu`, `/feedback/kommentieren`,
`/feedback/unterstuetzen`, `/feedback/anonym`); the ids travel in the form body, so access
logs do not say which post an anonymous action concerned, and the secret never appears in a
URL (the secret link carries it in the fragment, which browsers do not send). Nothing here
logs the user. Operators: a reverse proxy that logs client IPs *and* Referer headers can
still show that an address viewed a post just before an anonymous comment – log the
/feedback/ area without IPs (or not at all) where that matters.
"""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("feedback", __name__, url_prefix="/feedback")


@bp.before_request
@login_required
def _signed_in():
    """Every page of the board needs a signed-in user; each view checks its own rule."""
