"""Provable anonymity: after anonymous posting, commenting and supporting as a known user,
nothing in any table, in the application log or in the access log links the content to them.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
from datetime import datetime

import pytest
import requests
from sqlalchemy import select
from werkzeug.serving import make_server

from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.models import FeedbackPost
from tests.feedback.conftest import idea, publish_anonymous

IDENTITY_COLUMNS = re.compile(r"(author|user|actor|by|reporter|owner|creator|recipient)(_id)?$")
TRACE_COLUMNS = re.compile(r"(ip|ip_address|user_agent|session|session_id|remote_addr)$")


def dump_every_table() -> dict[str, list[dict]]:
    """Every row of every table of the application, as plain dicts."""
    return {
        table.name: [dict(row._mapping) for row in db.session.execute(select(table))]
        for table in db.metadata.sorted_tables
    }


def new_or_changed_rows(before: dict, after: dict) -> list[tuple[str, dict]]:
    changed = []
    for name, rows in after.items():
        old = {repr(sorted(row.items())) for row in before.get(name, [])}
        changed += [(name, row) for row in rows if repr(sorted(row.items())) not in old]
    return changed


def links_to(user, rows: list[tuple[str, dict]]) -> list[str]:
    """Everything in these rows that could tie them to the user."""
    secrets_of_user = [user.email, user.name, user.session_nonce]
    findings = []
    for table, row in rows:
        for column, value in row.items():
            where = f"{table}.{column}={value!r}"
            if IDENTITY_COLUMNS.search(column) and type(value) is int and value == user.id:
                findings.append("user id: " + where)
            if TRACE_COLUMNS.search(column) and value is not None:
                findings.append("trace: " + where)
            if isinstance(value, datetime):
                findings.append("timestamp finer than a day: " + where)
            if any(secret and secret in str(value) for secret in secrets_of_user):
                findings.append("name/e-mail/session: " + where)
    return findings


def _anonymous_activity(client, org, others_post):
    """The author writes anonymously through the real views."""
    response = client.post(
        "/feedback/neu",
        data={
            "kind": "concern",
            "title": "Sorge wegen Personalabbau",
            "identity": "anonymous",
            "body": "Wird meine Stelle digitalisiert?",
            "unit_id": str(org["sg321"].id),
            "topic_id": "0",
        },
    )
    assert response.status_code == 200
    secret = response.get_data(as_text=True).split('<code id="secret-code">')[1].split("</code>")[0]
    publish_anonymous()  # the mix job's run, as every 15 minutes
    assert client.post("/feedback/anonym", data={"secret": secret}).status_code == 200
    assert (
        client.post("/feedback/anonym", data={"secret": secret, "body": "Nachtrag der Autorin"}).status_code
        == 200
    )
    assert (
        client.post(
            "/feedback/kommentieren",
            data={"post_id": others_post.id, "body": "Anonymer Kommentar", "anonymous": "y"},
        ).status_code
        == 303
    )
    assert (
        client.post(
            "/feedback/unterstuetzen", data={"post_id": others_post.id, "action": "anonymous"}
        ).status_code
        == 303
    )
    publish_anonymous()
    return secret


def test_no_table_and_no_log_line_links_anonymous_content_to_its_author(
    client, login_as, org, make_post, caplog, people
):
    author = people.author
    others_post = make_post(idea(title="Idee von jemand anderem"), author=people.staff[3])
    before = dump_every_table()
    login_as(author)
    caplog.set_level(logging.DEBUG)
    secret = _anonymous_activity(client, org, others_post)
    db.session.expire_all()
    changed = new_or_changed_rows(before, dump_every_table())
    tables = {table for table, _row in changed}
    assert {"feedback_post", "feedback_comment"} <= tables  # the activity did write
    assert links_to(author, changed) == []
    post = db.session.scalar(select(FeedbackPost).where(FeedbackPost.is_anonymous.is_(True)))
    log = "\n".join(record.getMessage() for record in caplog.records)
    for trace in (author.email, author.name, author.session_nonce, secret, str(post.id)):
        assert trace not in log


def test_the_detector_finds_a_named_post(client, login_as, people):
    """The same check flags named content – so it can fail, and the test above means something."""
    author = people.author
    before = dump_every_table()
    login_as(author)
    client.post(
        "/feedback/neu",
        data={
            "kind": "idea",
            "title": "Mit Namen",
            "identity": "named",
            "body": "Text",
            "unit_id": "0",
            "topic_id": "0",
        },
    )
    db.session.expire_all()
    findings = links_to(author, new_or_changed_rows(before, dump_every_table()))
    assert any("feedback_post.author_id" in finding for finding in findings)


def test_authors_own_pages_do_not_reveal_their_anonymous_post(client, login_as, org, make_post, people):
    author, colleague = people.author, people.staff[1]
    others_post = make_post(idea(title="Idee von jemand anderem"), author=people.staff[3])
    login_as(author)
    _anonymous_activity(client, org, others_post)
    post = db.session.scalar(select(FeedbackPost).where(FeedbackPost.is_anonymous.is_(True)))
    moderation.change_status(org.admin, post, "seen", "Wir nehmen das ernst.")
    db.session.commit()

    def pages_of(user):
        login_as(user)
        client.get("/seiten/datenschutz")  # shows (and so clears) pending flash messages
        texts = []
        for path in (
            "/",
            "/benachrichtigungen/",
            "/konto/profil",
            "/feedback/",
            "/feedback/?mine=y",
            f"/feedback/{post.id}",
            f"/feedback/{others_post.id}",
        ):
            text = client.get(path).get_data(as_text=True)
            text = text.replace(user.name, "PERSON").replace(user.email, "MAIL")
            # the header's avatar shows the person's initials
            text = re.sub(r'(<span class="avatar" aria-hidden="true">)[^<]*<', r"\1INITIALS<", text)
            texts.append(re.sub(r'value="[^"]{20,}"|"X-CSRFToken": "[^"]+"', "TOKEN", text))
        return texts

    for mine, theirs in zip(pages_of(author), pages_of(colleague), strict=True):
        assert mine == theirs, "\n".join(
            difflib.unified_diff(theirs.splitlines(), mine.splitlines(), lineterm="", n=1)
        )


@pytest.fixture
def access_logged_server(app):
    """The app behind a real werkzeug server, whose access log goes to the 'werkzeug' logger."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_access_log_does_not_name_the_anonymous_post(access_logged_server, make_post, caplog, people):
    from tests.factories import PASSWORD

    others_post = make_post(idea(title="Idee von jemand anderem"), author=people.staff[3])
    author_email, others_post_id = people.author.email, others_post.id
    db.session.commit()  # no transaction of the test's stays open while it talks to the server
    caplog.set_level(logging.INFO, logger="werkzeug")
    browser = requests.Session()
    browser.post(
        access_logged_server + "/konto/anmelden",
        data={"email": author_email, "password": PASSWORD},
        timeout=10,
    )
    response = browser.post(
        access_logged_server + "/feedback/neu",
        timeout=10,
        data={
            "kind": "idea",
            "title": "Anonyme Idee",
            "identity": "anonymous",
            "body": "Text",
            "unit_id": "0",
            "topic_id": "0",
        },
    )
    secret = response.text.split('<code id="secret-code">')[1].split("</code>")[0]
    db.session.commit()  # end the test's read transaction, then run the mix as its job would
    publish_anonymous()
    browser.post(
        access_logged_server + "/feedback/anonym", timeout=10, data={"secret": secret, "body": "Antwort"}
    )
    browser.post(
        access_logged_server + "/feedback/kommentieren",
        timeout=10,
        data={"post_id": others_post_id, "body": "Anonym", "anonymous": "y"},
        allow_redirects=False,
    )
    db.session.commit()  # end the test's read transaction: see what the server wrote
    post = db.session.scalar(select(FeedbackPost).where(FeedbackPost.title == "Anonyme Idee"))
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("POST /feedback/neu" in line for line in lines)
    assert any("POST /feedback/anonym" in line for line in lines)
    for line in lines:
        assert str(post.id) not in line and secret not in line
        assert str(others_post.id) not in line  # the anonymous comment's post stays unnamed
        assert people.author.email not in line


def test_anonymous_services_never_receive_a_user():
    """The services that write anonymous content have no parameter a user could go into."""
    import inspect

    for function in (
        services.create_anonymous_post,
        services.add_anonymous_comment,
        services.support_anonymously,
    ):
        assert not {"user", "author", "actor"} & set(inspect.signature(function).parameters)
