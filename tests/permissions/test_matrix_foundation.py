"""Foundation routes × roles, including another user's objects (IDOR)."""

import pytest

from intranet.auth.services import make_reset_token
from intranet.extensions import db
from intranet.notify.models import Notification
from tests.permissions.conftest import Case

SIGNED_IN = {"anonymous": 302, "*": 200}
ADMIN_ONLY = {"anonymous": 302, "*": 403, "admin": 200}
ADMIN_POST = {"anonymous": 302, "*": 403, "admin": 303}

CASES = [
    Case("home", "GET", "/", SIGNED_IN),
    Case("health", "GET", "/healthz", {"*": 200}),
    Case("favicon", "GET", "/favicon.ico", {"*": 200}),
    Case("web app manifest", "GET", "/manifest.webmanifest", {"*": 200}),
    Case("login page", "GET", "/konto/anmelden", {"anonymous": 200, "*": 302}),
    Case("profile", "GET", "/konto/profil", SIGNED_IN),
    Case("password", "GET", "/konto/passwort", SIGNED_IN),
    Case("logout via GET is not allowed", "GET", "/konto/abmelden", {"*": 405}),
    Case("logout", "POST", "/konto/abmelden", {"anonymous": 302, "*": 303}),
    Case("forgotten password", "GET", "/konto/passwort-vergessen", {"*": 200}),
    Case("reset form with a forged link", "GET", "/konto/passwort-vergessen/nicht-echt", {"*": 302}),
    Case("reset form with a valid link", "GET", "/konto/passwort-vergessen/{token}", {"*": 200}),
    Case("language", "POST", "/konto/sprache", {"*": 303}, data={"locale": "en"}),
    Case("my data", "GET", "/meine-daten", SIGNED_IN),
    Case("my data download", "GET", "/meine-daten.json", SIGNED_IN),
    Case("notifications", "GET", "/benachrichtigungen/", SIGNED_IN),
    Case("badge", "GET", "/benachrichtigungen/ungelesen", SIGNED_IN),
    Case(
        "open someone else's notification",
        "POST",
        "/benachrichtigungen/{notification}/oeffnen",
        {"anonymous": 302, "*": 404, "staff": 303},
    ),
    Case("mark all read", "POST", "/benachrichtigungen/alle-gelesen", {"anonymous": 302, "*": 303}),
    Case("accessibility statement", "GET", "/seiten/barrierefreiheit", {"*": 200}),
    Case("edit site page", "GET", "/seiten/datenschutz/bearbeiten", ADMIN_ONLY),
    Case("org tree", "GET", "/organisation/", SIGNED_IN),
    Case("new unit", "GET", "/organisation/neu", ADMIN_ONLY),
    Case("edit unit", "GET", "/organisation/{unit}", ADMIN_ONLY),
    Case("deactivate unit", "POST", "/organisation/{empty_unit}/deaktivieren", ADMIN_POST),
    Case("reactivate unit", "POST", "/organisation/{empty_unit}/reaktivieren", ADMIN_POST),
    Case("user list", "GET", "/verwaltung/personen", ADMIN_ONLY),
    Case("user list as excel", "GET", "/verwaltung/personen.xlsx", ADMIN_ONLY),
    Case("user list as csv", "GET", "/verwaltung/personen.csv?role=guide", ADMIN_ONLY),
    Case("new user", "GET", "/verwaltung/personen/neu", ADMIN_ONLY),
    Case("edit user", "GET", "/verwaltung/personen/{user}", ADMIN_ONLY),
    Case("deactivate user", "POST", "/verwaltung/personen/{user}/deaktivieren", ADMIN_POST),
    Case("reactivate user", "POST", "/verwaltung/personen/{user}/reaktivieren", ADMIN_POST),
    Case("import", "GET", "/verwaltung/import", ADMIN_ONLY),
    Case("topics", "GET", "/verwaltung/themen", ADMIN_ONLY),
    Case("edit topic", "GET", "/verwaltung/themen/{topic}", ADMIN_ONLY),
    Case("toggle topic", "POST", "/verwaltung/themen/{topic}/status", ADMIN_POST),
    Case("audit log", "GET", "/verwaltung/protokoll", ADMIN_ONLY),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_foundation_matrix(case, actors, check_case, factory):
    notification = Notification(user_id=actors["staff"].id, kind="test", message="Hallo", url="/")
    db.session.add(notification)
    db.session.commit()
    empty_unit = factory.unit("Leere Einheit", actors.tree["root"])
    target = factory.user(name="Zielperson", unit=actors.tree["sg321"])
    ids = {
        "notification": notification.id,
        "unit": actors.tree["a32"].id,
        "empty_unit": empty_unit.id,
        "user": target.id,
        "topic": factory.topic().id,
        "token": make_reset_token(actors["staff"]),
    }
    assert check_case(case, actors, ids) == []
