"""Fault injection with real servers (issue 22): a TCP fault proxy (tests/faults.py) between Lotse
and the real aiosmtpd, Redis and PostgreSQL. For each neighbour × {slow, down, reset}: pages that
do not need it answer as usual (within a second of normal), pages that need it answer a German
message within their timeout, nothing is lost, and after the fault everything catches up once.

Response times are written to the file named by LOTSE_FAULT_REPORT (if set)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import timedelta

import pytest
import redis
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from intranet import clock, timeouts
from intranet.audit.models import AuditEntry
from intranet.extensions import db, limiter
from intranet.notify import services
from intranet.notify.models import OutgoingMail
from intranet.scheduler import run_job
from tests.factories import PASSWORD
from tests.faults import FaultProxy

pytestmark = pytest.mark.slow


def report(case: str, **seconds: float) -> None:
    target = os.environ.get("LOTSE_FAULT_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{case}: " + ", ".join(f"{k}={v:.2f}s" for k, v in seconds.items()) + "\n")


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _url(app, endpoint, **values):
    with app.test_request_context():
        return url_for(endpoint, **values)


# --- Mail relay --------------------------------------------------------------------------------

SMTP_FAULTS = {"slow": ("delay", 0.4), "down": ("drop", 0), "reset": ("reset", 0)}


@pytest.mark.parametrize("fault", SMTP_FAULTS)
def test_mail_relay_fault(fault, app, factory, login_as, smtp_server, monkeypatch):
    with FaultProxy(("127.0.0.1", app.config["MAIL_PORT"])) as proxy:
        monkeypatch.setitem(app.config, "MAIL_PORT", proxy.port)
        monkeypatch.setitem(app.config, "MAIL_CONNECT_TIMEOUT", 1)
        monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 2)
        reader, signer = factory.user(), factory.user()
        recipient = factory.user(email_preference="immediately")
        services.notify([recipient], "test", _l("Bitte lesen"), "/")
        db.session.commit()
        client = login_as(reader, app.test_client())
        login_url = _url(app, "auth.login")
        signer_email = signer.email
        db.session.commit()
        _, normal = timed(lambda: client.get("/"))

        proxy.fault(*SMTP_FAULTS[fault])
        job = threading.Thread(target=run_job, args=(app, "mail"))
        job.start()
        time.sleep(0.2)  # the job is talking to the relay now
        page, page_time = timed(lambda: client.get("/"))
        sign_in, sign_in_time = timed(
            lambda: app.test_client().post(login_url, data={"email": signer_email, "password": PASSWORD})
        )
        job.join(30)
        assert page.status_code == 200 and sign_in.status_code == 303
        assert page_time < normal + 1 and sign_in_time < normal + 1
        report(f"SMTP {fault}", home_normal=normal, home=page_time, sign_in=sign_in_time)

        mail = db.session.scalar(select(OutgoingMail))
        if fault == "slow":  # slow but within the per-command timeout: delivered
            assert len(smtp_server.messages) == 1 and mail.sent_at is not None
            return
        assert smtp_server.messages == [] and mail.sent_at is None and mail.last_error  # kept
        due = mail.next_attempt_at
        db.session.commit()  # the test's own read ends before the job talks to the relay
        proxy.heal()
        with clock.frozen(due):
            run_job(app, "mail")
        with clock.frozen(due + timedelta(minutes=1)):
            run_job(app, "mail")  # nothing twice
        assert len(smtp_server.messages) == 1


# --- Redis (rate limits) -----------------------------------------------------------------------

REDIS_FAULTS = {"slow": ("delay", 1.5), "down": ("drop", 0), "reset": ("reset", 0)}


@pytest.fixture
def redis_upstream():
    connection = redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis nicht erreichbar")
    finally:
        connection.close()
    yield ("127.0.0.1", 6379)
    limiter._storage_dead = False  # one extension object for every app of the session
    limiter.enabled = False


@pytest.mark.parametrize("fault", REDIS_FAULTS)
def test_redis_fault(fault, make_app, factory, redis_upstream):
    with FaultProxy(redis_upstream) as proxy:
        app = make_app(
            RATELIMIT_ENABLED=True,
            RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{proxy.port}/14",
            LOTSE_LOGIN_LIMIT="3 per minute",
        )
        user = factory.user()
        email = user.email
        db.session.commit()
        login_url = _url(app, "auth.login")
        client = app.test_client()  # an address of its own: keys in the shared Redis stay apart
        client.environ_base["REMOTE_ADDR"] = f"10.{uuid.uuid4().int % 250}.14.{uuid.uuid4().int % 250}"
        home, normal = timed(lambda: app.test_client().get("/"))
        assert client.post(login_url, data={"email": email, "password": "falsch"}).status_code == 422

        proxy.fault(*REDIS_FAULTS[fault])
        answers = [
            timed(lambda: client.post(login_url, data={"email": email, "password": "falsch"}))
            for _ in range(4)
        ]
        statuses = [response.status_code for response, _ in answers]
        slowest = max(seconds for _, seconds in answers)
        # The same limit per process: never a 500, never unlimited.
        assert statuses == [422, 422, 422, 429]
        # The request that meets the fault pays the failing call and one health check of the
        # storage, each bounded by the operation timeout; the ones after it nothing.
        assert slowest < normal + 2 * timeouts.REDIS_OPERATION + 0.5
        assert sorted(seconds for _, seconds in answers)[-2] < normal + 0.5
        _, page_time = timed(lambda: app.test_client().get("/"))
        report(f"Redis {fault}", page_normal=normal, page=page_time, failed_sign_in_slowest=slowest)

        proxy.heal()
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = f"10.{uuid.uuid4().int % 250}.15.{uuid.uuid4().int % 250}"
        assert other.post(login_url, data={"email": email, "password": PASSWORD}).status_code == 303


# --- PostgreSQL --------------------------------------------------------------------------------

PG_FAULTS = {"slow": ("blackhole", 0), "down": ("drop", 0), "reset": ("reset", 0)}


@pytest.mark.parametrize("fault", PG_FAULTS)
def test_postgresql_fault(fault, make_app, factory, database_url, login_as):
    if not database_url.startswith("postgresql"):
        pytest.skip("the proxy sits in front of PostgreSQL")
    upstream = make_url(database_url)
    with FaultProxy((upstream.host or "127.0.0.1", upstream.port or 5432)) as proxy:
        app = make_app(
            SQLALCHEMY_DATABASE_URI=upstream.set(host="127.0.0.1", port=proxy.port).render_as_string(
                hide_password=False
            )
        )
        reader, signer = factory.user(), factory.user()
        signer_id, signer_email = signer.id, signer.email
        db.session.commit()
        client = login_as(reader, app.test_client())
        login_url = _url(app, "auth.login")
        home, normal = timed(lambda: client.get("/"))
        assert home.status_code == 200

        proxy.fault(*PG_FAULTS[fault])
        page, page_time = timed(lambda: client.get("/"))
        write, write_time = timed(
            lambda: app.test_client().post(login_url, data={"email": signer_email, "password": PASSWORD})
        )
        health = app.test_client().get("/healthz")
        for response in (page, write):
            assert response.status_code == 503
            assert "Lotse ist gleich wieder da" in response.get_data(as_text=True)
        assert health.status_code == 503
        bound = 3 + 1  # connect_timeout (intranet/timeouts.py) and a second for the rest
        assert page_time < bound and write_time < bound

        proxy.heal()
        again, recovered = timed(lambda: client.get("/"))
        assert again.status_code == 200 and recovered < normal + 1
        assert (
            app.test_client().post(login_url, data={"email": signer_email, "password": PASSWORD}).status_code
            == 303
        )
        report(
            f"PostgreSQL {fault}", home_normal=normal, home=page_time, sign_in=write_time, recovered=recovered
        )
    logins = db.session.scalar(
        select(func.count()).where(AuditEntry.action == "login", AuditEntry.actor_id == signer_id)
    )
    assert logins == 1  # the sign-in during the outage was not half-saved; the one after, once
