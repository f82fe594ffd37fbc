"""Training paths: catalogue, path and step pages, editor, assignments, unit report."""

from flask import Blueprint

from intranet.training import models  # noqa: F401 - tables registered with the blueprint

bp = Blueprint("training", __name__, url_prefix="/training")
