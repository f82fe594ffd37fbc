"""Every timeout Lotse uses towards a neighbour, in one place (issue 22).

A slow neighbour must never make a worker hang: each outgoing call has a bound, named here,
overridable by an environment variable, and documented in docs/OPERATIONS.md (the table of
neighbours, what users see when one is slow or down, and what is retried when).

All values are seconds.
"""

from __future__ import annotations

import contextlib
import contextvars
import os

import click
from flask import has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


# Mail relay (SMTP): connecting, then each command (EHLO, MAIL, RCPT, DATA …) separately.
SMTP_CONNECT = _seconds("LOTSE_SMTP_CONNECT_TIMEOUT", 5)
SMTP_COMMAND = _seconds("MAIL_TIMEOUT", 10)

# Redis (rate limits): connecting and each operation. Short: sign-in waits for it.
REDIS_CONNECT = _seconds("LOTSE_REDIS_CONNECT_TIMEOUT", 0.5)
REDIS_OPERATION = _seconds("LOTSE_REDIS_TIMEOUT", 0.5)

# PostgreSQL: connecting (also the pool's pre-ping on a dead server), and the longest a single
# statement may run in a web request (then the German 503 page) and in a job or command.
POSTGRES_CONNECT = _seconds("LOTSE_DB_CONNECT_TIMEOUT", 3)
POSTGRES_STATEMENT_WEB = _seconds("LOTSE_DB_STATEMENT_TIMEOUT", 15)
POSTGRES_STATEMENT_JOB = _seconds("LOTSE_DB_JOB_STATEMENT_TIMEOUT", 600)

# SQLite: how long a writer waits for the write lock before it gives up.
SQLITE_BUSY = _seconds("LOTSE_SQLITE_BUSY_TIMEOUT", 30)


def configure(config: dict) -> None:
    """Put the bounds into the Flask config before the extensions build their clients.

    Call before `db.init_app` (Flask-SQLAlchemy creates its engine there) and
    `limiter.init_app`. Values already in the config (tests, overrides) are kept.
    """
    options = config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    options.setdefault("pool_pre_ping", True)
    if config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options.setdefault("pool_timeout", POSTGRES_CONNECT * 2)
        connect_args = options.setdefault("connect_args", {})
        connect_args.setdefault("connect_timeout", max(1, round(POSTGRES_CONNECT)))
        connect_args.setdefault("options", f"-c statement_timeout={round(POSTGRES_STATEMENT_WEB * 1000)}")
    storage = config.setdefault("RATELIMIT_STORAGE_OPTIONS", {})
    if config.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://")):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        storage.setdefault("socket_connect_timeout", REDIS_CONNECT)
        storage.setdefault("socket_timeout", REDIS_OPERATION)
        # redis-py retries a timed-out command three times by default: the bound above would
        # become four times as long. One try, then the per-process fallback.
        storage.setdefault("retry", Retry(NoBackoff(), 0))
    config.setdefault("MAIL_CONNECT_TIMEOUT", SMTP_CONNECT)
    config.setdefault("MAIL_TIMEOUT", SMTP_COMMAND)


_long_statements = contextvars.ContextVar("lotse_long_statements", default=False)


@contextlib.contextmanager
def job_statements():
    """Transactions begun inside this block get the job's statement timeout, not the web's."""
    token = _long_statements.set(True)
    try:
        yield
    finally:
        _long_statements.reset(token)


def _outside_web() -> bool:
    if has_request_context():
        return False
    return _long_statements.get() or click.get_current_context(silent=True) is not None


@event.listens_for(Engine, "begin")
def _longer_statements_for_jobs(connection):
    """Jobs and `flask` commands may run longer statements than a web request (PostgreSQL)."""
    if connection.dialect.name == "postgresql" and _outside_web():
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {round(POSTGRES_STATEMENT_JOB * 1000)}")
