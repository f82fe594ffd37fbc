"""Pilot routes × roles: only owners and admins manage; motivations stay with them (IDOR → 404)."""

from datetime import date, time

import pytest

from intranet.extensions import db
from intranet.pilots import services, signups
from intranet.pilots.models import Pilot
from tests.permissions.conftest import Case

SIGNED_IN = {"anonymous": 302, "*": 200}
SIGNED_IN_POST = {"anonymous": 302, "*": 303}
MANAGERS = {"anonymous": 302, "*": 403, "leader": 200, "admin": 200}
MANAGERS_POST = {"anonymous": 302, "*": 403, "leader": 303, "admin": 303}
CREATORS = {"anonymous": 302, "*": 403, "leader": 200, "other_leader": 200, "admin": 200}
HTMX = {"HX-Request": "true", "HX-Target": "signup-region"}

CASES = [
    Case("list", "GET", "/pilotprojekte/", SIGNED_IN),
    # Anonymous htmx requests get 401 (the page then sends them to the login), not a redirect.
    Case(
        "list partial",
        "GET",
        "/pilotprojekte/?status=open",
        {**SIGNED_IN, "anonymous": 401},
        headers={"HX-Request": "true", "HX-Target": "pilot-results"},
    ),
    Case("lessons", "GET", "/pilotprojekte/gelernt", SIGNED_IN),
    Case("pilot page", "GET", "/pilotprojekte/{pilot}", SIGNED_IN),
    Case("missing pilot", "GET", "/pilotprojekte/{missing}", {"anonymous": 302, "*": 404}),
    Case("ical", "GET", "/pilotprojekte/{pilot}/termine.ics", SIGNED_IN),
    Case("sign up", "POST", "/pilotprojekte/{pilot}/anmelden", SIGNED_IN_POST),
    Case(
        "sign up as htmx partial",
        "POST",
        "/pilotprojekte/{roomy}/anmelden",
        {**SIGNED_IN, "anonymous": 401},
        headers=HTMX,
    ),
    Case("sign up via GET is not allowed", "GET", "/pilotprojekte/{pilot}/anmelden", {"*": 405}),
    Case("withdraw", "POST", "/pilotprojekte/{pilot}/abmelden", SIGNED_IN_POST),
    Case("new pilot", "GET", "/pilotprojekte/neu", CREATORS),
    Case("edit", "GET", "/pilotprojekte/{pilot}/bearbeiten", MANAGERS),
    Case("participants", "GET", "/pilotprojekte/{pilot}/teilnehmende", MANAGERS),
    Case(
        "participants of someone else's pilot",
        "GET",
        "/pilotprojekte/{other_pilot}/teilnehmende",
        {"anonymous": 302, "*": 403, "other_leader": 200, "admin": 200},
    ),
    Case("csv", "GET", "/pilotprojekte/{pilot}/teilnehmende.csv", MANAGERS),
    Case("xlsx", "GET", "/pilotprojekte/{pilot}/teilnehmende.xlsx", MANAGERS),
    Case("capacity", "POST", "/pilotprojekte/{pilot}/plaetze", MANAGERS_POST, data={"cap-capacity": "40"}),
    Case("close sign-up", "POST", "/pilotprojekte/{pilot}/anmeldung/schliessen", MANAGERS_POST),
    Case(
        "status (invalid step)",
        "POST",
        "/pilotprojekte/{pilot}/status",
        {"anonymous": 302, "*": 403, "leader": 422, "admin": 422},
        data={"st-status": "done"},
    ),
    Case("remove page", "GET", "/pilotprojekte/{pilot}/teilnehmende/{signup}/entfernen", MANAGERS),
    Case(
        "remove: sign-up of another pilot",
        "GET",
        "/pilotprojekte/{pilot}/teilnehmende/{foreign_signup}/entfernen",
        {"anonymous": 302, "*": 403, "leader": 404, "admin": 404},
    ),
    Case(
        "message",
        "POST",
        "/pilotprojekte/{pilot}/nachricht",
        MANAGERS_POST,
        data={"msg-text": "Hallo zusammen"},
    ),
    Case(
        "add date",
        "POST",
        "/pilotprojekte/{pilot}/termine",
        MANAGERS_POST,
        data={"date-title": "Treffen", "date-day": "2026-08-01", "date-start": "09:00", "date-end": "10:00"},
    ),
    Case(
        "delete date of another pilot",
        "POST",
        "/pilotprojekte/{pilot}/termine/{foreign_date}/loeschen",
        {"anonymous": 302, "*": 403, "leader": 404, "admin": 404},
    ),
    Case("results", "GET", "/pilotprojekte/{pilot}/ergebnisse", MANAGERS),
]


def _pilot(owner, unit, capacity=50):
    pilot = Pilot(
        title=f"Pilot von {owner.name}",
        goal="Ziel",
        unit_id=unit.id,
        owner_id=owner.id,
        created_by_id=owner.id,
        capacity=capacity,
        status="open",
        confirmed_count=0,
        waitlist_seq=0,
    )
    db.session.add(pilot)
    db.session.commit()
    return pilot


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_pilots_matrix(case, actors, check_case, factory):
    pilot = _pilot(actors["leader"], actors.tree["a32"])
    roomy = _pilot(actors["leader"], actors.tree["a32"])
    other_pilot = _pilot(actors["other_leader"], actors.tree["a10"])
    participant = factory.user(unit=actors.tree["sg321"])
    signup = signups.sign_up(pilot, participant, "Geheime Motivation")
    foreign_signup = signups.sign_up(other_pilot, participant, "")
    foreign_date = services.add_date(
        other_pilot, actors["other_leader"], "Termin", date(2026, 8, 1), time(9), time(10), ""
    )
    db.session.commit()
    ids = {
        "pilot": pilot.id,
        "roomy": roomy.id,
        "other_pilot": other_pilot.id,
        "missing": other_pilot.id + 100,
        "signup": signup.id,
        "foreign_signup": foreign_signup.id,
        "foreign_date": foreign_date.id,
    }
    assert check_case(case, actors, ids) == []


def test_motivation_is_visible_to_managers_only(actors, factory, app, login_as):
    pilot = _pilot(actors["leader"], actors.tree["a32"])
    signups.sign_up(pilot, factory.user(unit=actors.tree["sg321"]), "Geheime Motivation")
    db.session.commit()
    for actor in ("staff", "other_staff", "guide", "other_leader", "leader", "admin"):
        client = login_as(actors[actor], app.test_client())
        pages = [
            client.get(f"/pilotprojekte/{pilot.id}"),
            client.get("/pilotprojekte/"),
            client.get(f"/pilotprojekte/{pilot.id}/teilnehmende"),
        ]
        seen = any("Geheime Motivation" in page.get_data(as_text=True) for page in pages)
        assert seen == (actor in ("leader", "admin")), actor
