"""In-app notifications, the e-mail outbox through a real SMTP server, the daily digest."""

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.notify import services
from intranet.notify.models import Notification, OutgoingMail


def test_notify_writes_once_per_recipient_and_queues_mail_by_preference(factory):
    now_user = factory.user(email_preference="immediately")
    digest_user = factory.user(email_preference="digest", locale="en")
    quiet_user = factory.user(email_preference="off")
    actor = factory.user()
    count = services.notify(
        [now_user, now_user, digest_user, quiet_user, actor],
        "test",
        _l("Neue Antwort auf Ihre Frage"),
        "/organisation/",
        exclude=actor,
    )
    db.session.commit()
    assert count == 3
    notes = db.session.scalars(select(Notification).order_by(Notification.user_id)).all()
    assert [n.user_id for n in notes] == sorted([now_user.id, digest_user.id, quiet_user.id])
    mails = db.session.scalars(select(OutgoingMail)).all()
    assert [m.to_address for m in mails] == [now_user.email]


def test_outbox_is_delivered_through_smtp_exactly_once(factory, smtp_server):
    user = factory.user(email="empfang@test.example")
    services.notify([user], "test", _l("Ihre Frage wurde beantwortet"), "/x")
    db.session.commit()
    assert services.deliver_outbox() == 1
    assert services.deliver_outbox() == 0
    assert len(smtp_server.messages) == 1
    message = smtp_server.parsed()[0]
    assert message["To"] == "empfang@test.example"
    assert "Ihre Frage wurde beantwortet" in message["Subject"]
    assert "http://127.0.0.1:5000/x" in message.get_content()


def test_failed_delivery_is_retried_later(app, factory):
    user = factory.user()
    services.notify([user], "test", _l("Hallo"), "/")
    db.session.commit()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    try:
        assert services.deliver_outbox() == 0
    finally:
        app.config["MAIL_BACKEND"] = "console"
    mail = db.session.scalar(select(OutgoingMail))
    assert mail.sent_at is None and mail.attempts == 1 and mail.last_error
    assert services.deliver_outbox() == 0  # not before its back-off has passed
    with clock.frozen(mail.next_attempt_at):
        assert services.deliver_outbox() == 1


def test_notification_text_uses_recipient_language(factory):
    english = factory.user(locale="en", email_preference="off")
    services.notify([english], "test", _l("Sie wurden abgemeldet."), "/")
    db.session.commit()
    assert db.session.scalar(select(Notification.message)) == "You have been signed out."


def test_digest_collects_unread_once_per_day(factory, smtp_server):
    user = factory.user(email_preference="digest")
    start = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    with clock.frozen(start - timedelta(hours=3)):
        services.notify([user], "test", _l("Erste Nachricht"), "/a")
        services.notify([user], "test", _l("Zweite Nachricht"), "/b")
        db.session.commit()
    with clock.frozen(start):
        assert services.send_digests() == 1
        db.session.commit()
        assert services.send_digests() == 0  # not twice on the same day
        db.session.commit()
        services.deliver_outbox()
    body = smtp_server.bodies()[0]
    assert "Erste Nachricht" in body and "Zweite Nachricht" in body
    with clock.frozen(start + timedelta(days=1)):
        assert services.send_digests() == 0  # nothing new


def test_list_badge_open_and_read_all(client, factory, login_as):
    user = factory.user()
    other = factory.user()
    for index in range(3):
        services.notify([user], "test", _l("Nachricht"), f"/organisation/?n={index}")
    services.notify([other], "test", _l("Nachricht"), "/")
    db.session.commit()
    login_as(user)
    assert ">3<" in client.get("/benachrichtigungen/ungelesen").get_data(as_text=True)
    first = db.session.scalars(select(Notification).where(Notification.user_id == user.id)).first()
    response = client.post(f"/benachrichtigungen/{first.id}/oeffnen")
    assert response.status_code == 303 and response.headers["Location"].startswith("/organisation/")
    assert ">2<" in client.get("/benachrichtigungen/ungelesen").get_data(as_text=True)
    client.post("/benachrichtigungen/alle-gelesen")
    assert 'badge">' not in client.get("/benachrichtigungen/ungelesen").get_data(as_text=True)
    assert services.unread_count(other) == 1


def test_mail_links_are_absolute_under_the_base_url_once(app, factory, smtp_server):
    """Stored links are paths under LOTSE_BASE_URL (path_for); the mail makes them absolute
    without doubling the installation's path."""
    from intranet import urls

    user = factory.user(email_preference="immediately")
    app.config["LOTSE_BASE_URL"] = "https://lotse.kreis.example/intranet"
    try:
        link = urls.path_for("notify.index")
        assert link.startswith("/intranet/")
        services.notify([user], "test", _l("Hallo"), link)
        db.session.commit()
        services.deliver_outbox()
    finally:
        app.config["LOTSE_BASE_URL"] = "http://127.0.0.1:5000"
    body = smtp_server.bodies()[0]
    assert f"https://lotse.kreis.example{link}" in body
    assert "/intranet/intranet/" not in body


def test_read_all_returns_under_the_installations_path(client, factory, login_as):
    login_as(factory.user())
    response = client.post("/benachrichtigungen/alle-gelesen", environ_overrides={"SCRIPT_NAME": "/lotse"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/lotse/benachrichtigungen/"


def test_huge_page_numbers_on_the_notification_list(app, client, factory, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "LOTSE_PER_PAGE", 25)
    user = factory.user()
    for index in range(3):
        services.notify([user], "test", _l("Nachricht"), "/")
    db.session.commit()
    login_as(user)
    for page in ("99999999999999999999", "-1", "abc", "2"):
        response = client.get(f"/benachrichtigungen/?page={page}")
        assert response.status_code == 200, page
        assert response.get_data(as_text=True).count("Nachricht") >= 3, page  # the last page, not empty
