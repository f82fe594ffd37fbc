"""Test fixtures: every test runs on SQLite and on PostgreSQL.

Databases: LOTSE_TEST_DATABASES (default "sqlite,postgresql"); PostgreSQL at
LOTSE_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test
session creates its own PostgreSQL database and drops it afterwards, so parallel
workers and developers never share data. With CI=true a missing PostgreSQL fails.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import traceback
import uuid
import weakref

import psycopg
import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from intranet import create_app
from intranet.extensions import db
from tests.factories import Factory

PG_ADMIN_URL = os.environ.get("LOTSE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATABASES = [
    name.strip()
    for name in os.environ.get("LOTSE_TEST_DATABASES", "sqlite,postgresql").split(",")
    if name.strip()
]
IN_CI = os.environ.get("CI", "").lower() == "true"

TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 64,
    "MAIL_BACKEND": "console",
    "SERVER_NAME": None,
    "LOTSE_SCHEDULER": "off",
    "SECRET_KEY": "test-secret-key-that-is-long-enough-for-tests-0123456789",
}


# --- No network I/O while a database transaction is open (issue 22) ------------------------
#
# Every SQLAlchemy connection that begins a transaction is remembered for the thread that began
# it. A socket connected from a thread that still has such a transaction in progress is a
# violation: it means a slow neighbour (mail relay, Redis, a directory) would hold database
# locks and a pooled connection for as long as it takes. PostgreSQL itself connects through
# libpq (not Python sockets) and SQLite has none, so the database needs no allow-listing;
# ALLOWED_ADDRESSES is for anything that must be inside (nothing, today).

ALLOWED_ADDRESSES: set[tuple[str, int]] = set()


class SocketGuard:
    """Collects violations of the rule; the autouse fixture fails the test on any."""

    def __init__(self):
        self._local = threading.local()
        self.violations: list[str] = []
        self._lock = threading.Lock()

    def connections(self) -> weakref.WeakSet:
        if not hasattr(self._local, "connections"):
            self._local.connections = weakref.WeakSet()
        return self._local.connections

    def on_begin(self, connection) -> None:
        self.connections().add(connection)

    def transaction_open(self) -> bool:
        return any(not c.closed and c.in_transaction() for c in list(self.connections()))

    def check(self, address) -> None:
        if not isinstance(address, tuple) or len(address) < 2:
            return  # Unix sockets and the like
        if (address[0], address[1]) in ALLOWED_ADDRESSES or not self.transaction_open():
            return
        stack = "".join(traceback.format_stack(limit=14)[:-2])
        with self._lock:
            self.violations.append(f"Socket zu {address[0]}:{address[1]} bei offener Transaktion:\n{stack}")

    def take(self) -> list[str]:
        with self._lock:
            found, self.violations = self.violations, []
        return found


socket_guard = SocketGuard()
event.listen(Engine, "begin", socket_guard.on_begin)
_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        socket_guard.check(address)
    return _original_connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        socket_guard.check(address)
    return _original_connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex


@pytest.fixture(autouse=True)
def no_network_inside_transactions():
    """Fails any test in which a socket was connected while a transaction was in progress."""
    socket_guard.take()
    yield socket_guard
    found = socket_guard.take()
    if found:
        pytest.fail("Netzwerkzugriff bei offener Datenbank-Transaktion:\n\n" + "\n".join(found))


def _pg_conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def postgres_available() -> bool:
    try:
        with psycopg.connect(_pg_conninfo(PG_ADMIN_URL), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@contextlib.contextmanager
def temporary_database(kind: str, tmp_path_factory):
    """Yield a fresh, empty database URL of the given kind; drop it afterwards."""
    if kind == "sqlite":
        path = tmp_path_factory.mktemp("db") / "lotse-test.sqlite3"
        yield f"sqlite:///{path}"
        return
    if not postgres_available():
        if IN_CI:
            pytest.fail("PostgreSQL ist in CI nicht erreichbar (127.0.0.1:5432).")
        pytest.skip("PostgreSQL nicht erreichbar")
    name = f"lotse_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = _pg_conninfo(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class LotseTestClient(FlaskClient):
    """Each request gets its own app context (fresh `g`, own database session), as in
    production; the test's session commits before and forgets cached state after."""

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture(scope="session", params=DATABASES)
def database_url(request, tmp_path_factory):
    with temporary_database(request.param, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="session")
def base_app(database_url):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url})
    app.test_client_class = LotseTestClient
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _empty_all_tables() -> None:
    """DELETE every row (children first). Much faster than TRUNCATE on PostgreSQL, which
    costs about a second per test for our ~50 tables; TRUNCATE … CASCADE is the fallback."""
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    try:
        with db.engine.begin() as conn:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))
    except Exception:
        with db.engine.begin() as conn:
            if conn.dialect.name != "postgresql":
                raise
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))


@pytest.fixture
def app(base_app):
    """The app with an empty database; an app context is pushed for the test."""
    with base_app.app_context():
        yield base_app
        db.session.remove()
        _empty_all_tables()


@pytest.fixture
def make_app(database_url, app):
    """Build another app on the same database with config overrides (e.g. CSRF on)."""
    created = []

    def factory(**overrides):
        other = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
        other.test_client_class = LotseTestClient
        created.append(other)
        return other

    yield factory
    for other in created:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def factory(app) -> Factory:
    return Factory()


class TestOrg:
    """The one test administration every feature's tests share.

    Units (``org.tree`` or ``org["a32"]``): root › Dezernat 1 (d1) › Amt 10 (a10);
    root › Dezernat 2 (d2) › Amt 32 (a32) › SG 32.1 (sg321), SG 32.2 (sg322).
    People (``org.staff`` or ``org["staff"]``): staff (SG 32.1), other_staff (SG 32.2),
    guide (Lotse of Amt 32), dezernat_guide (Lotse of Dezernat 2), other_guide (Lotse of
    Amt 10), leader (Leitung Dezernat 2), other_leader (Leitung Dezernat 1), admin (in Amt 10).
    ``org.crowd(6, "sg321")`` adds people, e.g. to reach the anonymity threshold k.
    """

    __test__ = False  # not a test class, whatever pytest thinks of the name

    ACTORS = (
        "staff",
        "other_staff",
        "guide",
        "dezernat_guide",
        "other_guide",
        "leader",
        "other_leader",
        "admin",
    )

    def __init__(self, factory: Factory):
        self.factory = factory
        with factory.batch():
            tree = factory.tree()
            self.tree = tree
            self.users = {
                "staff": factory.user(name="Sabine Sachbearbeiterin", unit=tree["sg321"]),
                "other_staff": factory.user(name="Otto Kollege", unit=tree["sg322"]),
                "guide": factory.user(name="Gerda Lotsin", unit=tree["a32"], roles=[("guide", tree["a32"])]),
                "dezernat_guide": factory.user(
                    name="Dieter Dezernatslotse", unit=tree["d2"], roles=[("guide", tree["d2"])]
                ),
                "other_guide": factory.user(
                    name="Olga Lotsin", unit=tree["a10"], roles=[("guide", tree["a10"])]
                ),
                "leader": factory.user(
                    name="Leitung Zwei", unit=tree["d2"], roles=[("leadership", tree["d2"])]
                ),
                "other_leader": factory.user(
                    name="Leitung Eins", unit=tree["d1"], roles=[("leadership", tree["d1"])]
                ),
                "admin": factory.user(name="Ada Admin", unit=tree["a10"], roles=["admin"]),
            }

    def __getitem__(self, name):
        return self.users[name] if name in self.users else self.tree[name]

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)

    def crowd(self, count: int, unit: str, prefix: str = "Person") -> list:
        """`count` more staff members in `unit` (a key of the tree), committed together."""
        with self.factory.batch():
            return [
                self.factory.user(name=f"{prefix} {number}", unit=self.tree[unit])
                for number in range(1, count + 1)
            ]


@pytest.fixture
def org(factory) -> TestOrg:
    """The standard test administration with its actors (see TestOrg)."""
    return TestOrg(factory)


@pytest.fixture
def login_as(client):
    """Sign the test client in as a user without going through the login form."""

    def sign_in(user, target_client=None):
        target = target_client or client
        with target.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return target

    return sign_in


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            self.statements.append(statement)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter: ...` then `counter.count`."""

    @contextlib.contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


@pytest.fixture
def smtp_server(app):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; the app sends mail through it."""
    from aiosmtpd.controller import Controller

    class Collector:
        """`.messages`: aiosmtpd envelopes; `.parsed()`: EmailMessage objects;
        `.bodies()`: decoded plain-text bodies."""

        def __init__(self):
            self.messages = []
            self.delay = 0.0  # seconds before each answer to DATA: a slow (greylisting) relay
            self.receiving = threading.Event()  # set when a DATA command arrives

        def parsed(self):
            import email
            from email import policy

            return [email.message_from_bytes(m.content, policy=policy.default) for m in self.messages]

        def bodies(self):
            return [message.get_content() for message in self.parsed()]

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
            self.receiving.set()
            if self.delay:
                import asyncio

                await asyncio.sleep(self.delay)
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    from intranet import timeouts

    keys = ("MAIL_BACKEND", "MAIL_SERVER", "MAIL_PORT", "MAIL_CONNECT_TIMEOUT", "MAIL_TIMEOUT")
    old = {key: app.config[key] for key in keys}
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_CONNECT_TIMEOUT=timeouts.SMTP_CONNECT,
        MAIL_TIMEOUT=timeouts.SMTP_COMMAND,
    )
    try:
        yield handler
    finally:
        app.config.update(old)
        controller.stop()
