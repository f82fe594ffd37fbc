"""Hostile input on every platform form and list: huge page numbers and ids, NUL bytes and
60,000-character values – a German message or a 404, never a 500, and nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.auth.services import make_reset_token
from intranet.extensions import db
from intranet.main.models import SitePage
from intranet.notify.models import Notification
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic
from tests.factories import PASSWORD

HUGE = "x" * 60_000
HUGE_PAGE = "99999999999999999999"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("path", ["/verwaltung/personen", "/verwaltung/protokoll", "/benachrichtigungen/"])
def test_huge_and_odd_page_numbers_show_a_page(app, client, org, login_as, path, monkeypatch):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 25)
    for index in range(30):
        db.session.add(Notification(user_id=org.admin.id, kind="test", message=f"Nachricht {index}", url="/"))
        db.session.add(AuditEntry(action="test", summary=f"Eintrag {index}"))
    db.session.commit()
    org.crowd(30, "sg321")
    login_as(org.admin)
    for page in (HUGE_PAGE, "-1", "0", "abc", "1e9", "\x00"):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 200, page
    # A page past the end shows the last page, not an empty list.
    assert "Seite 2 von 2" in client.get(f"{path}?page={HUGE_PAGE}").get_data(as_text=True)


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/verwaltung/personen/2147483648"),
        ("POST", "/verwaltung/personen/2147483648/deaktivieren"),
        ("POST", "/verwaltung/personen/99999999999999999999/reaktivieren"),
        ("GET", "/verwaltung/themen/2147483648"),
        ("POST", "/verwaltung/themen/2147483648/status"),
        ("GET", "/organisation/2147483648"),
        ("POST", "/organisation/2147483648/deaktivieren"),
        ("POST", "/organisation/99999999999999999999/reaktivieren"),
        ("POST", "/benachrichtigungen/2147483648/oeffnen"),
    ],
)
def test_ids_beyond_the_database_range_are_404(client, org, login_as, method, path):
    login_as(org.admin)
    assert client.open(path, method=method).status_code == 404


def test_nul_bytes_are_dropped_before_storing(client, org, login_as):
    login_as(org.admin)
    response = client.post(
        "/organisation/neu", data={"name": "SG\x00 32.9", "kind": "sachgebiet", "parent_id": org["a32"].id}
    )
    assert response.status_code == 303
    assert db.session.scalar(select(OrgUnit).where(OrgUnit.name == "SG 32.9")) is not None
    response = client.post(
        "/verwaltung/personen/neu",
        data={"name": "Nu\x00ll", "email": "null@test.example", "unit_id": org["a32"].id, "locale": "de"},
    )
    assert response.status_code == 303
    assert db.session.scalar(select(User.name).where(User.email == "null@test.example")) == "Null"


def _valid_forms(org, token):
    unit = org["sg321"].id
    person = {"name": "Neue Person", "email": "neu@test.example", "unit_id": unit, "locale": "de"}
    return [
        ("/konto/passwort", {"current_password": PASSWORD, "new_password": "n" * 12, "confirm": "n" * 12}),
        ("/konto/profil", {"name": "Sabine", "email_preference": "digest"}),
        (f"/konto/passwort-vergessen/{token}", {"new_password": "n" * 12, "confirm": "n" * 12}),
        ("/verwaltung/personen/neu", {**person, "password": ""}),
        (f"/verwaltung/personen/{org.other_staff.id}", {**person, "password": ""}),
        ("/verwaltung/themen", {"name": "Neues Thema", "description": "Kurz"}),
        ("/organisation/neu", {"name": "Neue Einheit", "kind": "team", "parent_id": unit}),
        (f"/organisation/{org['sg322'].id}", {"name": "Neue Einheit", "kind": "team", "parent_id": unit}),
        ("/seiten/datenschutz/bearbeiten", {"title": "Neu", "body": "Neuer Text"}),
    ]


def _state():
    return (
        _count(User),
        _count(Topic),
        _count(OrgUnit),
        _count(SitePage),
        tuple(db.session.execute(select(User.name, User.email, User.password_hash).order_by(User.id))),
        tuple(db.session.execute(select(OrgUnit.name, OrgUnit.parent_id).order_by(OrgUnit.id))),
    )


def test_60000_characters_in_every_field_of_every_form(app, org, login_as):
    """Each field in turn gets 60,000 characters while the others are valid: 422 with a message
    next to a field (or the form's summary), and nothing changes in the database."""
    token = make_reset_token(org.staff)
    before = _state()
    for path, valid in _valid_forms(org, token):
        actor = org.admin if path.startswith(("/verwaltung", "/organisation", "/seiten")) else org.staff
        for name in valid:
            client = login_as(actor, app.test_client())
            response = client.post(path, data={**valid, name: HUGE})
            assert response.status_code == 422, (path, name, response.status_code)
            html = response.get_data(as_text=True)
            assert 'aria-invalid="true"' in html or "form-error-summary" in html, (path, name)
            db.session.expire_all()
            assert _state() == before, (path, name)


def test_60000_characters_in_the_account_forms_without_sign_in(client, org, smtp_server):
    for data in ({"email": HUGE, "password": PASSWORD}, {"email": org.staff.email, "password": HUGE}):
        assert client.post("/konto/anmelden", data=data).status_code == 422
    assert client.post("/konto/passwort-vergessen", data={"email": HUGE}).status_code == 422
    assert smtp_server.messages == []
    assert _count(AuditEntry) == 0  # rejected input is not even a failed sign-in
    response = client.post("/konto/sprache", data={"locale": HUGE, "next": HUGE})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_60000_characters_in_filters_and_import(client, org, login_as):
    login_as(org.admin)
    for query in (f"q={HUGE}", f"role={HUGE}", f"status={HUGE}"):
        assert client.get(f"/verwaltung/personen?{query}").status_code == 200
    assert client.get(f"/verwaltung/protokoll?action={HUGE}").status_code == 200
    response = client.post("/verwaltung/import", data={"create_units": HUGE})
    assert response.status_code == 422
    assert "Bitte wählen Sie eine CSV-Datei aus." in response.get_data(as_text=True)
