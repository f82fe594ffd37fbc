"""Every outgoing call is bounded, and the bounds come from intranet/timeouts.py (issue 22)."""

import socket
import threading
import time

import pytest
from sqlalchemy import text

from intranet import timeouts
from intranet.extensions import db
from intranet.jobs.runner import run_with_lease
from intranet.notify.mail import send_mail


def test_the_bounds_reach_the_clients(make_app):
    app = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")
    storage = app.config["RATELIMIT_STORAGE_OPTIONS"]
    assert storage["socket_connect_timeout"] == timeouts.REDIS_CONNECT
    assert storage["socket_timeout"] == timeouts.REDIS_OPERATION
    assert storage["retry"].get_retries() == 0
    assert app.config["MAIL_CONNECT_TIMEOUT"] == timeouts.SMTP_CONNECT
    assert app.config["MAIL_TIMEOUT"] == timeouts.SMTP_COMMAND
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_postgresql_statements_are_bounded_shorter_in_requests_than_in_jobs(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    assert db.engine.dialect.name == "postgresql"
    with app.test_request_context("/"):
        web = db.session.scalar(text("SHOW statement_timeout"))
        db.session.remove()
    assert web == f"{round(timeouts.POSTGRES_STATEMENT_WEB)}s"
    ran, job = run_with_lease("probe", lambda: db.session.scalar(text("SHOW statement_timeout")))
    assert ran and job == f"{round(timeouts.POSTGRES_STATEMENT_JOB / 60)}min"
    with app.test_request_context("/"):  # the job's setting ended with its transaction
        assert db.session.scalar(text("SHOW statement_timeout")) == web
        db.session.remove()


def test_a_relay_that_accepts_but_never_greets_costs_the_connect_timeout(app, monkeypatch):
    """A black hole: the TCP connection is accepted, the SMTP greeting never comes. Waiting for
    it is bounded by the (short) connect timeout, not by the per-command one."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    for key, value in {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": server.getsockname()[1],
        "MAIL_CONNECT_TIMEOUT": 1,
        "MAIL_TIMEOUT": 10,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    started = time.monotonic()
    try:
        with pytest.raises(OSError):
            send_mail("a@test.example", "Betreff", "Text")
    finally:
        server.close()
    assert time.monotonic() - started < 3
