"""SQLite connection settings: foreign keys, WAL and a busy timeout for concurrent writers.

SQLite allows one writer at a time. A transaction that reads first and writes later
can fail at once ("database is locked") when another writer committed in between,
so transactions that intend to write start with BEGIN IMMEDIATE and wait their turn:
every non-GET request, every job, and any block wrapped in `write_intent()`.
Read-only transactions stay deferred, so readers never block writers (WAL).
"""

import contextlib
import contextvars

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from intranet import timeouts

_write_intent = contextvars.ContextVar("lotse_sqlite_write_intent", default=False)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@contextlib.contextmanager
def write_intent():
    """Transactions begun inside this block take SQLite's write lock up front."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def _wants_write_lock() -> bool:
    if _write_intent.get():
        return True
    return has_request_context() and request.method not in READ_METHODS


def init_app(app) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    options.setdefault("connect_args", {}).update(
        {"timeout": timeouts.SQLITE_BUSY, "check_same_thread": False}
    )
    # pysqlite's own transaction handling defers BEGIN, which breaks SELECT-then-UPDATE
    # atomicity; we emit BEGIN ourselves (documented SQLAlchemy recipe).
    options["connect_args"]["isolation_level"] = None


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={round(timeouts.SQLITE_BUSY * 1000)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")
