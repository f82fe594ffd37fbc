"""Every route of Lotse is in the role × route matrix: a new endpoint without a matrix row fails here."""

from __future__ import annotations

import importlib
import pkgutil
import re

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

import tests.permissions as matrix_package

# Endpoints that need no row: static files and the redirects from old URLs (they answer 308
# before any permission is checked; tests/main/test_legacy_paths.py covers them).
NO_ROW_NEEDED = {"static"}
# Rows still to be written (each feature's matrix file removes its names from here).
NOT_YET_IN_MATRIX = {
    "decisions.token_calendar",
    "decisions_api.get_decision",
}


def matrix_cases():
    for info in pkgutil.iter_modules(matrix_package.__path__):
        if info.name.startswith("test_matrix_") and info.name != "test_matrix_coverage":
            module = importlib.import_module(f"tests.permissions.{info.name}")
            yield from getattr(module, "CASES", [])


def covered_endpoints(app) -> set[str]:
    adapter = app.url_map.bind("localhost")
    covered = set()
    for case in matrix_cases():
        path = re.sub(r"\{[^}]+\}", "1", case.path).split("?", 1)[0]
        try:
            endpoint, _values = adapter.match(path, method=case.method)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            continue
        covered.add(endpoint)
    return covered


def test_every_endpoint_is_in_the_permission_matrix(app):
    endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if not rule.endpoint.startswith("legacy:")
    }
    missing = sorted(endpoints - NO_ROW_NEEDED - NOT_YET_IN_MATRIX - covered_endpoints(app))
    assert not missing, "Ohne Zeile in der Berechtigungsmatrix:\n" + "\n".join(missing)
