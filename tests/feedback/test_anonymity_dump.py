"""What a database dump, a backup or the operator's Redis shows after anonymous actions
(issue 11, findings 4 and 7): PostgreSQL system columns (`xmin`, `ctid`), sequences and Redis
keys. Each check has its control: the same detector finds the trace where one exists."""

from __future__ import annotations

import re

import pytest
import redis
from sqlalchemy import text

from intranet.extensions import db, limiter
from intranet.feedback.models import FeedbackPost
from tests.factories import PASSWORD
from tests.feedback.conftest import idea, publish_anonymous

REDIS_URL = "redis://127.0.0.1:6379/12"
LOGIN = "/konto/anmelden"


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-Systemspalten gibt es nur auf PostgreSQL")


def sign_in(client, user):
    """A real sign-in: it writes the audit entry whose xmin an observer would look for."""
    response = client.post(LOGIN, data={"email": user.email, "password": PASSWORD})
    assert response.status_code in (302, 303), response.status_code
    db.session.commit()


def anonymous_post(client, title):
    data = {"kind": "idea", "title": title, "identity": "anonymous", "body": "Text", "unit_id": "0"}
    response = client.post("/feedback/neu", data={**data, "topic_id": "0"})
    assert response.status_code == 200
    db.session.commit()


def xmin_of(table: str, where: str = "TRUE", **params) -> list[int]:
    rows = db.session.execute(text(f"SELECT xmin::text::bigint FROM {table} WHERE {where}"), params)
    return [row[0] for row in rows]


def login_xmin(user) -> int:
    return max(xmin_of("audit_entry", "action = 'login' AND actor_id = :uid", uid=user.id))


def sequences() -> dict[str, int | None]:
    rows = db.session.execute(text("SELECT sequencename, last_value FROM pg_sequences"))
    return {name: value for name, value in rows}


def test_postgres_system_columns_do_not_point_at_the_author(postgres, app, client, people):
    author, others = people.author, people.staff[1:4]
    sign_in(client, author)
    anonymous_post(client, "Vom Autor")
    # Control: while queued, the row still carries the request's xmin – right after the sign-in.
    queued = xmin_of("feedback_anonymous_queue")
    assert len(queued) == 1 and 0 < queued[0] - login_xmin(author) <= 3
    for number, person in enumerate(others * 3):
        other_client = app.test_client()
        sign_in(other_client, person)
        anonymous_post(other_client, f"Von anderen {number}")
    submitted = ["Vom Autor", *[f"Von anderen {n}" for n in range(len(others) * 3)]]
    publish_anonymous()
    rows = db.session.execute(
        text("SELECT title, xmin::text::bigint, ctid::text FROM feedback_post WHERE is_anonymous")
    ).all()
    # One transaction wrote the whole batch: xmin cannot tell the author's post from the others …
    assert len({xmin for _title, xmin, _ctid in rows}) == 1
    assert rows[0][1] not in {queued[0], login_xmin(author), login_xmin(author) + 1}
    # … and the physical order is shuffled (the same order by chance: 1 in 10! ≈ 1 in 3.6 million).
    by_ctid = [
        title for title, _xmin, ctid in sorted(rows, key=lambda row: tuple(map(int, row[2][1:-1].split(","))))
    ]
    assert sorted(by_ctid) == sorted(submitted) and by_ctid != submitted
    assert xmin_of("feedback_anonymous_queue") == []


def test_no_sequence_moves_during_an_anonymous_request(postgres, client, people, make_post):
    post = make_post(idea(title="Idee"), author=people.staff[3])
    sign_in(client, people.author)
    before = sequences()
    anonymous_post(client, "Anonym")
    client.post("/feedback/kommentieren", data={"post_id": post.id, "body": "Anonym", "anonymous": "y"})
    client.post("/feedback/unterstuetzen", data={"post_id": post.id, "action": "anonymous"})
    db.session.commit()
    assert sequences() == before
    # Control: a named support draws from a sequence, and the detector sees it.
    named = make_post(idea(title="Zweite Idee"), author=people.staff[3])
    before = sequences()
    client.post("/feedback/unterstuetzen", data={"post_id": named.id, "action": "support"})
    db.session.commit()
    assert sequences() != before


@pytest.fixture
def redis_limiter(make_app):
    """The rate-limit storage in a Redis database of its own (12: neither production's 0 nor
    the sign-in tests' 13); every key that appears during the test is removed afterwards."""
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis nicht erreichbar")
    existing = set(connection.scan_iter(match="*", count=1000))
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL)
    try:
        yield app, lambda: {key.decode() for key in connection.scan_iter(match="*", count=1000)}
    finally:
        for key in set(connection.scan_iter(match="*", count=1000)) - existing:
            connection.delete(key)
        limiter.enabled = False


def test_redis_holds_nothing_about_anonymous_actions(redis_limiter, people, make_post):
    app, keys = redis_limiter
    post = make_post(idea(title="Idee"), author=people.staff[3])
    client = app.test_client()
    client.post(LOGIN, data={"email": people.author.email, "password": "falsch"})
    assert keys(), "control: a failed sign-in leaves a rate-limit key, and the detector sees it"
    sign_in(client, people.author)
    after_login = keys()
    anonymous_post(client, "Anonym")
    client.post("/feedback/kommentieren", data={"post_id": post.id, "body": "Anonym", "anonymous": "y"})
    client.post("/feedback/unterstuetzen", data={"post_id": post.id, "action": "anonymous"})
    assert keys() == after_login
    for key in keys():
        # Compare whole key parts: a short id can appear by chance inside a hex digest.
        parts = set(re.split(r"[:/]", key))
        assert people.author.email not in key
        assert str(people.author.id) not in parts and str(post.id) not in parts, key
    publish_anonymous()
    assert db.session.get(FeedbackPost, post.id).anonymous_support_count == 1
