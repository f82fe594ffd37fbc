"""Lernpfade: the blueprint. Routes live in `learner` (catalogue, path, steps, confirmation),
`editor` (writing paths) and `leadership` (practice confirmation, assignments, report)."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("training", __name__, url_prefix="/lernpfade")


@bp.before_request
@login_required
def _signed_in():
    """Every training page needs a signed-in user; each view checks its own permission."""
