"""Decision register pages."""

from flask import Blueprint

from intranet.decisions import models  # noqa: F401 - registers the tables

bp = Blueprint("decisions", __name__, url_prefix="/decisions")
