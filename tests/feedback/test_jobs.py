"""The daily job that tells responsible people about yesterday's posts."""

from datetime import UTC, datetime

from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.feedback import services
from intranet.feedback.jobs import KIND, notify_new_posts
from intranet.notify.models import Notification
from tests.feedback.conftest import idea


def _messages():
    rows = db.session.execute(
        select(Notification.user_id, Notification.message, Notification.created_at).where(
            Notification.kind == KIND
        )
    ).all()
    return {user_id: (message, created_at) for user_id, message, created_at in rows}


def test_counts_yesterdays_posts_per_responsible_person_once_a_day(org, people):
    with clock.frozen(datetime(2026, 5, 4, 9, 13, 7, tzinfo=UTC)):
        services.create_anonymous_post(idea(unit_id=org["sg321"].id))
        services.create_named_post(people.author, idea(unit_id=org["a32"].id))
        services.create_named_post(people.author, idea(unit_id=org["a10"].id))
        db.session.commit()
    with clock.frozen(datetime(2026, 5, 5, 5, 15, tzinfo=UTC)):
        assert notify_new_posts() == 3
        db.session.commit()
        assert notify_new_posts() == 0  # a second run on the same day sends nothing
    messages = _messages()
    assert "2 neue Beiträge" in messages[org.leader.id][0]
    assert "1 neuer Beitrag" in messages[org.other_leader.id][0]
    assert "3 neue Beiträge" in messages[org.admin.id][0]
    assert people.author.id not in messages
    # The notification carries the job's time, not the posts' time.
    assert {created_at.hour for _message, created_at in messages.values()} == {5}


def test_nothing_yesterday_nothing_sent(org, make_post):
    make_post()  # today
    assert notify_new_posts() == 0


def test_the_daily_notification_links_to_new_posts_under_the_base_url(app, monkeypatch, org, people):
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.example/lotse")
    with clock.frozen(datetime(2026, 5, 4, 9, tzinfo=UTC)):
        services.create_named_post(people.author, idea(unit_id=org["a32"].id))
        db.session.commit()
    with clock.frozen(datetime(2026, 5, 5, 5, 15, tzinfo=UTC)):
        assert notify_new_posts() == 2
    urls = set(db.session.scalars(select(Notification.url).where(Notification.kind == KIND)))
    assert urls == {"/lotse/feedback/?status=new"}
