"""Routes of the resilience work × roles: the outbox queue is the administration's."""

import pytest

from intranet.admin.views import bp as admin_bp
from tests.permissions.conftest import Case

CASES = [
    Case(
        "outbox queue",
        "GET",
        admin_bp.url_prefix + "/postausgang",
        {"anonymous": 302, "*": 403, "admin": 200},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_resilience_matrix(case, actors, check_case):
    assert check_case(case, actors, {}) == []
