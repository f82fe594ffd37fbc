"""The pilots package keeps the house rules: links from the URL map under LOTSE_BASE_URL,
templates that ask permissions, views without queries, audit entries or error handling."""

import ast
from datetime import date, time
from pathlib import Path

from sqlalchemy import select

from intranet import permissions as perm
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.pilots import services, signups

PILOTS = Path(__file__).resolve().parents[2] / "intranet" / "pilots"
BASE_URL = "https://intranet.landkreis.example/lotse"


def test_notification_links_come_from_the_url_map_under_the_base_url(org, make_pilot, monkeypatch, app):
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", BASE_URL)
    pilot = make_pilot(owner=org.leader, capacity=1)
    signups.sign_up(pilot, org.staff, "")
    signups.sign_up(pilot, org.other_staff, "")
    signups.withdraw(pilot, org.staff)  # org.other_staff moves up
    services.change_status(pilot, org.leader, "running")
    services.change_status(pilot, org.leader, "evaluation")
    services.publish_results(pilot, org.leader, {"summary": "Gut"})
    db.session.commit()
    links = dict(db.session.execute(select(Notification.kind, Notification.url)).all())
    assert links == {
        "pilot_promoted": f"/lotse/pilotprojekte/{pilot.id}",
        "pilot_status": f"/lotse/pilotprojekte/{pilot.id}",
        "pilot_results": f"/lotse/pilotprojekte/{pilot.id}#ergebnisse",
    }


def test_ical_links_and_uids_name_the_installation_not_the_request_host(
    client, org, make_pilot, login_as, monkeypatch, app
):
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", BASE_URL)
    pilot = make_pilot(owner=org.leader)
    item = services.add_date(pilot, org.leader, "Auftakt", date(2026, 7, 1), time(9), time(11), "")
    db.session.commit()
    login_as(org.staff)
    response = client.get(
        f"/pilotprojekte/{pilot.id}/termine.ics", headers={"X-Forwarded-Host": "evil.example"}
    )
    body = response.get_data(as_text=True).replace("\r\n ", "")
    assert f"URL:{BASE_URL}/pilotprojekte/{pilot.id}" in body
    assert f"UID:pilot-{pilot.id}-date-{item.id}@intranet.landkreis.example" in body
    assert "evil.example" not in body and "localhost" not in body and "@lotse\r\n" not in body


def test_who_may_withdraw_is_one_permission(org, make_pilot):
    pilot = make_pilot(owner=org.leader, capacity=1)
    mine = signups.sign_up(pilot, org.staff, "")
    waiting = signups.sign_up(pilot, org.other_staff, "")
    db.session.commit()
    assert perm.can_withdraw_from_pilot(org.staff, mine)
    assert perm.can_withdraw_from_pilot(org.other_staff, waiting)
    assert not perm.can_withdraw_from_pilot(org.other_staff, mine)  # someone else's
    assert not perm.can_withdraw_from_pilot(org.admin, mine)
    assert not perm.can_withdraw_from_pilot(org.staff, None)
    for status, allowed in (("planned", True), ("running", True), ("evaluation", False), ("done", False)):
        pilot.status = status
        assert perm.can_withdraw_from_pilot(org.staff, mine) == allowed, status
    pilot.status = "open"
    signups.withdraw(pilot, org.staff)
    assert not perm.can_withdraw_from_pilot(org.staff, mine)  # no longer active


def test_the_sign_up_box_offers_withdrawal_exactly_when_permitted(client, org, make_pilot, login_as):
    pilot = make_pilot(owner=org.leader, status="running")
    pilot.status = "open"
    signups.sign_up(pilot, org.staff, "")
    pilot.status = "running"
    db.session.commit()
    login_as(org.staff)
    withdraw = f'action="/pilotprojekte/{pilot.id}/abmelden"'
    assert withdraw in client.get(f"/pilotprojekte/{pilot.id}").get_data(as_text=True)
    pilot.status = "evaluation"
    db.session.commit()
    page = client.get(f"/pilotprojekte/{pilot.id}").get_data(as_text=True)
    assert "Ihr Status: bestätigt" in page and withdraw not in page


def test_no_template_globals_of_its_own(app):
    assert "decision_url" not in app.jinja_env.globals
    assert "training_path_url" not in app.jinja_env.globals


def _view_modules():
    modules = sorted(PILOTS.glob("*views*.py")) + sorted((PILOTS / "views").glob("*.py"))
    assert modules, "no view modules found"
    return modules


def test_views_hold_no_queries_audit_or_error_handling():
    forbidden = ("select(", "db.session", "db.paginate", "record(", "except", "rollback", "errors.append")
    problems = [
        f"{module.relative_to(PILOTS)}: {word}"
        for module in _view_modules()
        for word in forbidden
        if word in module.read_text()
    ]
    assert problems == []


def test_view_modules_share_only_the_blueprint():
    """No import circles: view modules import `bp` from the package and nothing from each other."""
    assert (PILOTS / "views" / "__init__.py").exists() and not (PILOTS / "views.py").exists()
    for module in _view_modules():
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("intranet.pilots.views"):
                assert [alias.name for alias in node.names] == ["bp"], module.name
            if isinstance(node, ast.ImportFrom) and node.module == "intranet":
                names = [(alias.name, alias.asname) for alias in node.names]
                assert ("permissions", None) not in names, f"{module.name}: use `permissions as perm`"


def test_closing_sign_up_and_publishing_results_are_permissions_too(client, org, make_pilot, login_as):
    pilot = make_pilot(owner=org.leader, status="planned")
    assert not perm.can_open_or_close_pilot_signup(org.leader, pilot)
    assert not perm.can_publish_pilot_results(org.leader, pilot)
    login_as(org.leader)
    manage = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").get_data(as_text=True)
    assert "/anmeldung/schliessen" not in manage
    assert client.post(f"/pilotprojekte/{pilot.id}/anmeldung/schliessen").status_code == 403
    notice = "Ergebnisse können Sie veröffentlichen, sobald das Pilotprojekt in der Auswertung ist."
    assert notice in client.get(f"/pilotprojekte/{pilot.id}/ergebnisse").get_data(as_text=True)

    pilot.status = "open"
    db.session.commit()
    assert perm.can_open_or_close_pilot_signup(org.leader, pilot)
    assert not perm.can_open_or_close_pilot_signup(org.staff, pilot)
    assert "/anmeldung/schliessen" in client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").get_data(
        as_text=True
    )
    pilot.status = "evaluation"
    db.session.commit()
    assert perm.can_publish_pilot_results(org.leader, pilot) and perm.can_publish_pilot_results(
        org.admin, pilot
    )
    assert not perm.can_publish_pilot_results(org.staff, pilot)
    assert notice not in client.get(f"/pilotprojekte/{pilot.id}/ergebnisse").get_data(as_text=True)
