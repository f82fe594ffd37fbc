"""Administration: people and roles, staff import, topics, the audit log (one module each)."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("admin", __name__, url_prefix="/verwaltung")


@bp.before_request
@login_required
def _signed_in():
    """Every admin page needs a signed-in user; each view checks its own permission."""
