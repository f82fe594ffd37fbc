"""The pilots blueprint; its routes live in `public` (everyone) and `manage` (creators, owners)."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("pilots", __name__, url_prefix="/pilotprojekte")


@bp.before_request
@login_required
def _signed_in():
    """Every pilot page needs a signed-in user; each view checks its own permission."""
