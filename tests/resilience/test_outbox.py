"""The outbox under a slow or dead relay: no network call inside a transaction (issue 22)."""

import threading
import time
from datetime import UTC, datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.notify import services
from intranet.notify.models import OutgoingMail
from intranet.scheduler import job_table, run_job
from tests.factories import PASSWORD

RELAY_DELAY = 3.0  # seconds the relay takes to answer DATA, per message


def _sign_in(app, email, results):
    with app.app_context():
        client = app.test_client()
        with app.test_request_context():
            login_url = url_for("auth.login")
        started = time.monotonic()
        response = client.post(login_url, data={"email": email, "password": PASSWORD})
        results.append((response.status_code, time.monotonic() - started))
        db.session.remove()


def test_sign_ins_answer_at_once_while_the_mail_job_waits_for_a_slow_relay(app, factory, smtp_server):
    """The reproduction from issue 22: the `mail` job talks to a relay that takes seconds per
    message while four people sign in. Before, the job held SQLite's write lock (and on
    PostgreSQL a pooled connection in a transaction) for the whole conversation."""
    people = [factory.user(email=f"person{n}@test.example") for n in range(4)]
    recipient = factory.user(email_preference="immediately")
    for number in range(2):
        services.notify([recipient], "test", _l("Nachricht %(n)s", n=number), "/")
    db.session.commit()
    smtp_server.delay = RELAY_DELAY

    job = threading.Thread(target=run_job, args=(app, "mail"))
    job.start()
    assert smtp_server.receiving.wait(10), "the job never reached the relay"
    results = []
    sign_ins = [threading.Thread(target=_sign_in, args=(app, person.email, results)) for person in people]
    for thread in sign_ins:
        thread.start()
    for thread in sign_ins:
        thread.join(60)
    job.join(60)

    assert [status for status, _ in results] == [303] * 4
    slowest = max(elapsed for _, elapsed in results)
    assert slowest < RELAY_DELAY / 2, f"sign-in waited {slowest:.1f} s for the relay"
    assert len(smtp_server.messages) == 2
    db.session.rollback()  # a fresh snapshot (this thread read the people before the job ended)
    assert db.session.scalar(select(db.func.count()).where(OutgoingMail.sent_at.is_(None))) == 0


def test_a_relay_that_is_down_keeps_the_mail_and_retries_with_back_off(app, factory, smtp_server):
    recipient = factory.user(email_preference="immediately")
    services.notify([recipient], "test", _l("Hallo"), "/")
    db.session.commit()
    port = app.config["MAIL_PORT"]
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    app.config["MAIL_PORT"] = 1  # nothing listens there
    try:
        with clock.frozen(start):
            assert services.deliver_outbox() == 0
        mail = db.session.scalar(select(OutgoingMail))
        assert mail.sent_at is None and mail.attempts == 1 and mail.last_error
        assert mail.next_attempt_at == start + services.retry_delay(1)
        with clock.frozen(start + timedelta(seconds=30)):  # not yet due: not even tried
            assert services.deliver_outbox() == 0
        db.session.refresh(mail)
        assert mail.attempts == 1
        with clock.frozen(mail.next_attempt_at):
            assert services.deliver_outbox() == 0
        db.session.refresh(mail)
        assert mail.attempts == 2
        assert services.retry_delay(2) > services.retry_delay(1)
        due = mail.next_attempt_at
    finally:
        app.config["MAIL_PORT"] = port
    with clock.frozen(due):  # the relay is back: delivered exactly once
        assert services.deliver_outbox() == 1
        assert services.deliver_outbox() == 0
    assert len(smtp_server.messages) == 1
    db.session.refresh(mail)
    assert mail.sent_at == due and mail.last_error is None


def test_back_off_grows_and_is_capped():
    delays = [services.retry_delay(attempt) for attempt in range(1, services.MAX_ATTEMPTS + 1)]
    assert delays == sorted(delays) and delays[0] == timedelta(minutes=1)
    assert max(delays) == timedelta(hours=1)


def test_every_job_keeps_the_network_out_of_its_transactions(app, factory, smtp_server):
    """Digests and reminders only queue mail; the `mail` job alone talks to the relay, outside
    any transaction (the socket guard in conftest fails this test otherwise)."""
    digest_user = factory.user(email_preference="digest")
    now_user = factory.user(email_preference="immediately")
    with clock.frozen(datetime(2026, 12, 2, 5, 0, tzinfo=UTC)):
        services.notify([digest_user, now_user], "test", _l("Neu"), "/")
        db.session.commit()
    with clock.frozen(datetime(2026, 12, 2, 7, 0, tzinfo=UTC)):
        for name in job_table():
            if name != "mail":
                run_job(app, name)
        assert len(smtp_server.messages) == 0  # nobody but `mail` sends
        run_job(app, "mail")
    assert len(smtp_server.messages) == 2
