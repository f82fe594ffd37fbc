"""The nightly `purge` job: what has passed its period goes, the rest stays; exactly once
under the lease, idempotent, counts in the log and never content."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.auth.privacy import FORMER_STAFF
from intranet.config import ConfigError, load_config
from intranet.extensions import db
from intranet.feedback.models import FeedbackPost
from intranet.guides.models import Question
from intranet.jobs.runner import acquire_lease, release_lease, run_with_lease
from intranet.notify.models import Notification, OutgoingMail
from intranet.pilots.models import PilotSignup
from intranet.privacy import purge
from intranet.scheduler import job_table
from tests.privacy.conftest import at, pilot


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def aged(org, factory):
    """For every category with its own period: one row just past it, one just inside it."""
    staff = org.staff
    old_post = FeedbackPost(kind="idea", title="Alt", is_anonymous=True, secret_hash="a" * 64)
    old_post.created_on = clock.local_today() - timedelta(days=400)
    new_post = FeedbackPost(kind="idea", title="Neu", is_anonymous=True, secret_hash="b" * 64)
    ended = pilot(org.leader, org["a32"], status="done", ends_on=date.today() - timedelta(days=400))
    recent = pilot(org.leader, org["a32"], status="done", ends_on=date.today() - timedelta(days=100))
    leaver = factory.user(name="Lange Weg", active=False)
    leaver.deactivated_at = at(731)
    recent_leaver = factory.user(name="Gerade Weg", active=False)
    recent_leaver.deactivated_at = at(700)
    db.session.add_all(
        [
            AuditEntry(action="login", actor_id=staff.id, created_at=at(91), ip_address="192.0.2.1"),
            AuditEntry(action="login", actor_id=staff.id, created_at=at(89), ip_address="192.0.2.2"),
            AuditEntry(action="user_updated", actor_id=staff.id, created_at=at(366)),
            AuditEntry(action="user_updated", actor_id=staff.id, created_at=at(200)),
            Notification(user_id=staff.id, kind="x", message="alt", url="/", created_at=at(91)),
            Notification(user_id=staff.id, kind="x", message="neu", url="/", created_at=at(89)),
            OutgoingMail(to_address="a@b.example", subject="alt", body="alt", created_at=at(91)),
            OutgoingMail(to_address="a@b.example", subject="neu", body="neu", created_at=at(89)),
            Question(
                asker_id=staff.id,
                unit_id=org["sg321"].id,
                title="alt privat",
                is_private=True,
                status="solved",
                updated_at=at(731),
            ),
            Question(
                asker_id=staff.id,
                unit_id=org["sg321"].id,
                title="neu privat",
                is_private=True,
                status="solved",
                updated_at=at(700),
            ),
            Question(
                asker_id=staff.id,
                unit_id=org["sg321"].id,
                title="alt öffentlich",
                status="solved",
                updated_at=at(900),
            ),
            old_post,
            new_post,
            PilotSignup(pilot_id=ended.id, user_id=staff.id, status="withdrawn", motivation="weg"),
            PilotSignup(pilot_id=ended.id, user_id=org.other_staff.id, status="confirmed", motivation="leer"),
            PilotSignup(pilot_id=recent.id, user_id=staff.id, status="withdrawn", motivation="bleibt"),
        ]
    )
    db.session.commit()
    return {"leaver": leaver, "recent_leaver": recent_leaver, "old_post": old_post, "new_post": new_post}


def test_purge_deletes_what_has_passed_its_period_and_keeps_the_rest(aged, caplog):
    caplog.set_level(logging.INFO)
    ran, result = run_with_lease("purge", job_table()["purge"].function)
    assert ran
    assert count(AuditEntry, AuditEntry.action == "login") == 1
    assert count(AuditEntry, AuditEntry.action == "user_updated") == 1
    assert [n.message for n in db.session.scalars(select(Notification))] == ["neu"]
    assert [m.subject for m in db.session.scalars(select(OutgoingMail))] == ["neu"]
    assert sorted(q.title for q in db.session.scalars(select(Question))) == ["alt öffentlich", "neu privat"]
    assert db.session.get(FeedbackPost, aged["old_post"].id).secret_hash is None
    assert db.session.get(FeedbackPost, aged["new_post"].id).secret_hash == "b" * 64
    signups = {(s.status, s.motivation) for s in db.session.scalars(select(PilotSignup))}
    assert signups == {("confirmed", ""), ("withdrawn", "bleibt")}
    assert db.session.get(User, aged["leaver"].id).name == FORMER_STAFF
    assert db.session.get(User, aged["recent_leaver"].id).name == "Gerade Weg"
    # The log holds counts per category, never content.
    logged = caplog.text
    assert "notifications=1" in logged and "account=1" in logged and "logins=1" in logged
    for content in ("alt privat", "Lange Weg", "192.0.2.1", "weg"):
        assert content not in logged.replace("Bereinigung", "")
    assert "notifications=1" in result


def test_a_second_run_finds_nothing_to_do(aged):
    purge.purge()
    db.session.commit()
    second = purge.purge()
    assert all(part.endswith("=0") for part in second.split(", ")), second


def test_purge_runs_exactly_once_under_the_lease(aged, client, login_as, org):
    """While another process holds the lease, neither the job nor the admin button purges."""
    assert acquire_lease("purge", "another-process", timedelta(minutes=10))
    ran, _result = run_with_lease("purge", purge.purge)
    assert not ran
    login_as(org.admin)
    page = client.post("/verwaltung/aufbewahrung/bereinigen", follow_redirects=True)
    assert "Die Bereinigung läuft gerade schon" in page.get_data(as_text=True)
    assert count(Notification) == 2
    release_lease("purge", "another-process", "ok")
    page = client.post("/verwaltung/aufbewahrung/bereinigen", follow_redirects=True)
    assert "Bereinigung abgeschlossen" in page.get_data(as_text=True)
    assert count(Notification) == 1


def test_periods_come_from_the_configuration(aged, make_app):
    other = make_app(LOTSE_RETENTION_NOTIFICATION_DAYS=30)
    with other.app_context():
        db.session.add(
            Notification(
                user_id=aged["recent_leaver"].id, kind="x", message="frisch", url="/", created_at=at(20)
            )
        )
        db.session.commit()
        purge.purge()
        db.session.commit()
        # 89 days is inside the default 90 days, but past the configured 30.
        assert [n.message for n in db.session.scalars(select(Notification))] == ["frisch"]


def test_a_bad_period_in_the_environment_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("LOTSE_RETENTION_AUDIT_DAYS", "ein Jahr")
    with pytest.raises(ConfigError, match="LOTSE_RETENTION_AUDIT_DAYS"):
        load_config(tmp_path)
    monkeypatch.setenv("LOTSE_RETENTION_AUDIT_DAYS", "400")
    assert load_config(tmp_path)["LOTSE_RETENTION_AUDIT_DAYS"] == 400


def test_deactivation_starts_the_account_clock(org, client, login_as):
    login_as(org.admin)
    client.post(f"/verwaltung/personen/{org.staff.id}/deaktivieren")
    assert db.session.get(User, org.staff.id).deactivated_at is not None
    client.post(f"/verwaltung/personen/{org.staff.id}/reaktivieren")
    assert db.session.get(User, org.staff.id).deactivated_at is None
