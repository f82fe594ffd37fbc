"""Lotsen & Fragen under /lotsen: the blueprint; the routes live in the modules of this package
(questions, inbox, directory, manage), which `feature.py` imports."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("guides", __name__, url_prefix="/lotsen")


@bp.before_request
@login_required
def _signed_in():
    """Every page of the feature needs a signed-in user; views check the rest."""
