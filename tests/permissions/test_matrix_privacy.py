"""Privacy admin routes × roles: only admins see retention, the Art. 30 record and erase people."""

import pytest

from tests.permissions.conftest import Case

ADMINS = {"anonymous": 302, "*": 403, "admin": 200}

CASES = [
    Case("retention", "GET", "/verwaltung/aufbewahrung", ADMINS),
    Case(
        "run purge", "POST", "/verwaltung/aufbewahrung/bereinigen", {"anonymous": 302, "*": 403, "admin": 303}
    ),
    Case("register", "GET", "/verwaltung/verarbeitungsverzeichnis", ADMINS),
    Case("register csv", "GET", "/verwaltung/verarbeitungsverzeichnis.csv", ADMINS),
    Case("erase preview", "GET", "/verwaltung/personen/{person}/loeschen", ADMINS),
    Case(
        "erase unknown person", "GET", "/verwaltung/personen/{missing}/loeschen", {"anonymous": 302, "*": 404}
    ),
    Case(
        "erase without confirmation",
        "POST",
        "/verwaltung/personen/{person}/loeschen",
        {"anonymous": 302, "*": 403, "admin": 422},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_privacy_matrix(case, actors, check_case, factory):
    person = factory.user(name="Zu Löschende", unit=actors.tree["sg321"])
    ids = {"person": person.id, "missing": person.id + 1000}
    assert check_case(case, actors, ids) == []


def test_a_non_admin_cannot_erase_anyone(actors, factory, app, login_as):
    person = factory.user(name="Zu Löschende", unit=actors.tree["sg321"])
    for actor in ("staff", "guide", "leader"):
        client = login_as(actors[actor], app.test_client())
        assert (
            client.post(f"/verwaltung/personen/{person.id}/loeschen", data={"confirm": "y"}).status_code
            == 403
        )
    from intranet.auth.models import User
    from intranet.extensions import db

    assert db.session.get(User, person.id).name == "Zu Löschende"
