"""The training pillar keeps the house shape: ids bounded centrally, lists paged by LOTSE_PER_PAGE,
views without queries, stored links built from the URL map."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.training import assignments, learning, services
from intranet.training.services import StepData

VIEWS = Path(__file__).resolve().parents[2] / "intranet" / "training" / "views"
HUGE_PAGE = "99999999999999999999"


def test_no_training_route_bounds_ids_itself(app):
    """The central int converter bounds ids; a route's own `int(max=…)` is noise."""
    rules = [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("training.")]
    assert rules
    assert [rule for rule in rules if "max=" in rule] == []


def test_ids_above_2_31_are_404(client, org, login_as, builder):
    path = builder.path(author=org.guide, kinds=("read", "quiz"))
    login_as(org.admin)
    above = str(2**31)
    for url in (
        f"/lernpfade/{above}",
        f"/lernpfade/{above}/aufbau",
        f"/lernpfade/{path.id}/schritte/{above}",
        f"/lernpfade/{path.id}/schritte/{above}/bearbeiten",
        f"/lernpfade/teilnahmen/{above}/bestaetigung",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/lernpfade/{above}/einschreiben",
        f"/lernpfade/{path.id}/schritte/{path.steps[1].id}/fragen/{above}/loeschen",
        f"/lernpfade/praxisnachweise/{above}",
    ):
        assert client.post(url).status_code == 404, url


def test_views_are_a_package_without_queries():
    """Views load through queries.py and change through services: no select(), no db.session."""
    assert (VIEWS / "__init__.py").is_file()
    assert not (VIEWS.parent / "views.py").exists()
    offenders = []
    for module in sorted(VIEWS.glob("*.py")):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("sqlalchemy", "sqlalchemy.orm"):
                offenders.append(f"{module.name}: imports {node.module}")
            if isinstance(node, ast.Attribute) and node.attr in ("session", "paginate", "execute", "scalars"):
                if isinstance(node.value, ast.Name) and node.value.id == "db":
                    offenders.append(f"{module.name}:{node.lineno}: db.{node.attr}")
    assert offenders == []


def _practice_requests(org, builder, count):
    path = builder.path(author=org.guide, kinds=("practice",), title="Praxis")
    learners = org.crowd(count, "sg321")
    for learner in learners:
        enrolment = learning.enrol(learner, path)
        learning.request_practice(learner, enrolment, path.steps[0], "")
    db.session.commit()


def _assignments(org, builder, count):
    path = builder.path(author=org.guide, kinds=("read",), title="Zuweisung")
    for days in range(count):
        assignments.assign_path(org.leader, path, org["a32"].id, clock.local_today() + timedelta(days=days))
    db.session.commit()


LISTS = {
    "catalogue": ("admin", "/lernpfade/", 'class="card training-card"'),
    "practice inbox": ("guide", "/lernpfade/praxisnachweise", 'id="practice-'),
    "report's assignments": ("leader", "/lernpfade/bericht", "→"),
}


def _fill(name, org, builder, count):
    if name == "catalogue":
        for number in range(count):
            builder.path(author=org.guide, kinds=("read",), title=f"Pfad {number}")
    elif name == "practice inbox":
        _practice_requests(org, builder, count)
    else:
        _assignments(org, builder, count)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_honours_lotse_per_page(name, app, client, org, login_as, builder, monkeypatch):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 2)
    actor, url, marker = LISTS[name]
    _fill(name, org, builder, 3)
    login_as(org[actor])
    first = client.get(url)
    assert first.status_code == 200
    assert first.text.count(marker) == 2, name
    assert 'aria-label="Seiten' in first.text
    last = client.get(f"{url}?page=2")
    assert last.text.count(marker) == 1, name


@pytest.mark.parametrize("name", LISTS)
def test_huge_page_number_shows_the_last_page(name, app, client, org, login_as, builder, monkeypatch):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 2)
    actor, url, marker = LISTS[name]
    _fill(name, org, builder, 3)
    login_as(org[actor])
    response = client.get(f"{url}?page={HUGE_PAGE}")
    assert response.status_code == 200, name
    assert response.text.count(marker) == 1, name


def test_stored_links_are_built_from_the_url_map(app, org, builder, monkeypatch):
    """Every training notification links to a training page under LOTSE_BASE_URL's path."""
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.example/lotse")
    path = builder.path(author=org.guide, kinds=("read", "session", "practice"), sequential=False)
    read, session, practice = path.steps
    assignments.assign_path(org.leader, path, org["a32"].id, clock.local_today() + timedelta(days=3))
    enrolment = learning.find_enrolment(org.staff, path)
    learning.complete_step(org.staff, enrolment, read)
    learning.book_seat(org.staff, enrolment, session)
    request = learning.request_practice(org.staff, enrolment, practice, "")
    db.session.commit()
    learning.decide_practice(org.guide, request, True, "")
    assignments.send_reminders()
    org.crowd(1, "sg322", prefix="Neu")
    assignments.enrol_new_members()
    services.update_step(org.guide, read, StepData("read", "Neu gelesen"), mark_updated=True)
    moved = StepData(
        "session",
        session.title,
        session_starts_at=session.session_starts_at + timedelta(days=1),
        session_ends_at=session.session_ends_at + timedelta(days=1),
        session_place="Raum 202",
        capacity=session.capacity,
    )
    services.update_step(org.guide, session, moved)
    db.session.commit()
    notes = db.session.scalars(select(Notification).where(Notification.kind.like("training_%"))).all()
    kinds = {note.kind for note in notes}
    assert kinds == {
        "training_assigned",
        "training_reminder",
        "training_practice_requested",
        "training_practice_decided",
        "training_step_updated",
        "training_session_changed",
    }
    adapter = app.url_map.bind("localhost")
    for note in notes:
        assert note.url.startswith("/lotse/lernpfade/"), (note.kind, note.url)
        endpoint, _values = adapter.match(note.url.removeprefix("/lotse"))
        assert endpoint.startswith("training."), (note.kind, note.url)
