"""Hostile input on every pilot page: huge page numbers and ids, NUL bytes, 60,000 characters in
every field of every form. Never a 500, nothing stored, a German message next to the field."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.pilots import queries, services, signups
from intranet.pilots.models import Pilot, PilotDate, PilotSignup

HUGE_PAGE = "99999999999999999999"
LONG = "x" * 60000
FORMS = {
    # path (relative to the pilot) -> the fields of its form
    "": None,  # the create form, /pilotprojekte/neu
    "/bearbeiten": (
        "title",
        "goal",
        "description",
        "requirements",
        "unit_id",
        "owner_email",
        "starts_on",
        "ends_on",
        "signup_deadline",
        "required_path_id",
    ),
    "/anmelden": ("motivation",),
    "/plaetze": ("cap-capacity", "cap-keep_confirmed"),
    "/status": ("st-status",),
    "/nachricht": ("msg-text", "msg-include_waitlist"),
    "/termine": ("date-title", "date-day", "date-start", "date-end", "date-location"),
    "/ergebnisse": ("summary", "worked", "not_worked", "recommendation", "decision_id", "path_id"),
}
CREATE_FIELDS = (*FORMS["/bearbeiten"], "capacity")


def _snapshot(pilot):
    db.session.expire_all()
    return {
        "pilot": db.session.execute(
            select(Pilot.title, Pilot.goal, Pilot.capacity, Pilot.status, Pilot.results_published_at).where(
                Pilot.id == pilot.id
            )
        ).one(),
        "pilots": db.session.scalar(select(func.count(Pilot.id))),
        "signups": db.session.execute(select(PilotSignup.id, PilotSignup.status)).all(),
        "dates": db.session.scalar(select(func.count(PilotDate.id))),
        "notifications": db.session.scalar(select(func.count(Notification.id))),
    }


@pytest.mark.parametrize("junk", [LONG, "\x00", "abc\x00def" * 10], ids=["60000", "nul", "nul-inside"])
def test_no_500_and_nothing_stored_on_any_pilot_form(client, org, make_pilot, login_as, junk):
    pilot = make_pilot(owner=org.leader, capacity=5)
    signups.sign_up(pilot, org.other_staff, "")
    db.session.commit()
    signup_id = queries.signup_of(pilot, org.other_staff).id
    before = _snapshot(pilot)
    login_as(org.leader)
    posts = [("/pilotprojekte/neu", CREATE_FIELDS)]
    posts += [(f"/pilotprojekte/{pilot.id}{path}", fields) for path, fields in FORMS.items() if fields]
    posts += [(f"/pilotprojekte/{pilot.id}/teilnehmende/{signup_id}/entfernen", ("reason",))]
    for path, fields in posts:
        for name in fields:
            response = client.post(path, data={name: junk})
            assert response.status_code in (303, 422), (path, name, response.status_code)
            if junk == LONG and response.status_code == 422:
                body = response.get_data(as_text=True)
                assert "Höchstens" in body or "Bitte" in body, (path, name)
    if junk == LONG:
        assert _snapshot(pilot) == before
    # NUL bytes are dropped on the way in: what remains may be valid, but no NUL is stored.
    stored = (
        db.session.execute(select(Pilot.title, Pilot.goal, Pilot.description, Pilot.results_summary)).all()
        + db.session.execute(select(PilotSignup.motivation, PilotSignup.removal_reason)).all()
    )
    stored += db.session.execute(select(Notification.message)).all()
    texts = [value for row in stored for value in row if value]
    assert texts and not [text for text in texts if "\x00" in text]


def test_too_long_text_keeps_what_was_typed_next_to_the_field(client, org, make_pilot, login_as):
    pilot = make_pilot(owner=org.leader)
    login_as(org.leader)
    response = client.post(f"/pilotprojekte/{pilot.id}/nachricht", data={"msg-text": "Hallo " * 10000})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="msg-text-error"' in body and "Höchstens 400 Zeichen." in body
    assert ("Hallo " * 100) in body


@pytest.mark.parametrize("path", ["/pilotprojekte/", "/pilotprojekte/gelernt"])
def test_a_huge_page_number_shows_the_last_page(client, org, make_pilot, login_as, monkeypatch, path):
    monkeypatch.setitem(client.application.config, "LOTSE_PER_PAGE", 2)
    for number in range(3):
        make_pilot(
            title=f"Pilot Nummer {number}", results_summary="Gelernt", results_published_at=clock.now()
        )
    login_as(org.staff)
    first = client.get(path).get_data(as_text=True)
    assert first.count("Pilot Nummer") == 2  # LOTSE_PER_PAGE, not a page size of its own
    for page in (HUGE_PAGE, "2", "-1", "abc", "1" * 400):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 200, page
    last = client.get(f"{path}?page={HUGE_PAGE}").get_data(as_text=True)
    assert last.count("Pilot Nummer") == 1 and "Pilot Nummer 0" in last


def test_filters_with_junk_do_not_crash(client, org, login_as):
    login_as(org.staff)
    for query in (f"unit={HUGE_PAGE}", "unit=\x00", f"status={LONG}", "open_only=\x00", f"unit={'9' * 5000}"):
        assert client.get(f"/pilotprojekte/?{query}").status_code == 200, query[:40]


def test_ids_above_32_bits_are_404(client, org, make_pilot, login_as):
    pilot = make_pilot(owner=org.leader)
    item = services.add_date(pilot, org.leader, "Auftakt", date(2026, 7, 1), time(9), time(10), "")
    db.session.commit()
    login_as(org.leader)
    huge = 2**31
    for method, path in (
        ("GET", f"/pilotprojekte/{huge}"),
        ("GET", f"/pilotprojekte/{HUGE_PAGE}"),
        ("GET", f"/pilotprojekte/{huge}/termine.ics"),
        ("POST", f"/pilotprojekte/{huge}/anmelden"),
        ("GET", f"/pilotprojekte/{pilot.id}/teilnehmende/{huge}/entfernen"),
        ("POST", f"/pilotprojekte/{pilot.id}/termine/{huge}/loeschen"),
        ("POST", f"/pilotprojekte/{huge}/termine/{item.id}/loeschen"),
    ):
        assert client.open(path, method=method).status_code == 404, path
    assert db.session.get(PilotDate, item.id) is not None
