"""Rules of the feedback services, called directly."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.models import FeedbackComment, FeedbackPost, FeedbackSupport
from intranet.notify.models import Notification
from tests.feedback.conftest import idea, lesson


def test_named_post_keeps_author_and_date_only(make_post, people):
    with clock.frozen(datetime(2026, 3, 4, 23, 30, tzinfo=UTC)):  # already 5 March in Berlin
        post = make_post(idea())
    assert post.author_id == people.author.id
    assert post.created_on.isoformat() == "2026-03-05"
    assert post.status == "new" and not post.is_anonymous


def test_anonymous_post_has_no_author_and_a_hashed_secret(app, org):
    post, secret = services.create_anonymous_post(idea())
    db.session.commit()
    assert post.author_id is None and post.is_anonymous
    assert len(secret) >= 40 and secret not in post.secret_hash
    assert services.post_for_secret(secret) == post
    assert services.post_for_secret("#" + secret) == post


def test_ids_are_random_not_sequential(org, make_post):
    ids = [make_post(idea(title=f"Idee {n}")).id for n in range(5)]
    assert sorted(ids) != ids or max(ids) - min(ids) > 1000
    assert all(0 < value < 2**31 for value in ids)


def test_lesson_requires_what_happened_and_learned(people):
    with pytest.raises(services.FeedbackError) as error:
        services.create_named_post(people.author, lesson(what_happened="  "))
    assert error.value.field == "what_happened"
    with pytest.raises(services.FeedbackError) as error:
        services.create_named_post(people.author, lesson(what_learned=""))
    assert error.value.field == "what_learned"
    post = services.create_named_post(people.author, lesson(what_helped="", what_prevents=""))
    assert post.body == "" and post.what_happened == "Post lag drei Tage."


def test_overlong_text_is_a_field_error(people):
    with pytest.raises(services.FeedbackError) as error:
        services.create_named_post(people.author, idea(body="x" * 50_000))
    assert error.value.field == "body"
    assert "10000" in str(error.value.message) or "10.000" in str(error.value.message)


def test_unknown_kind_is_refused(people):
    with pytest.raises(services.FeedbackError) as error:
        services.create_named_post(people.author, services.PostDraft(kind="rant", title="x"))
    assert error.value.field == "kind"


def test_anonymous_unit_below_k_offers_the_parent(org, people):
    tree = org.tree
    with pytest.raises(services.FeedbackError) as error:
        services.create_anonymous_post(idea(unit_id=tree["sg322"].id))  # 3 members
    assert error.value.field == "unit_id"
    assert "Amt 32" in str(error.value.message)
    post, _secret = services.create_anonymous_post(idea(unit_id=tree["sg321"].id))  # 7 members
    assert post.unit_id == tree["sg321"].id
    post, _secret = services.create_anonymous_post(idea(unit_id=tree["a32"].id))  # 11 in subtree
    assert post.unit_id == tree["a32"].id


def test_named_post_may_name_a_small_unit(org, people):
    post = services.create_named_post(people.small[0], idea(unit_id=org["sg322"].id))
    assert post.unit_id == org["sg322"].id


def test_anonymous_unit_without_any_large_enough_ancestor(app, factory):
    lonely_root = factory.unit("Zweckverband")
    factory.user(unit=lonely_root)
    with pytest.raises(services.FeedbackError) as error:
        services.create_anonymous_post(idea(unit_id=lonely_root.id))
    assert "keine Einheit" in str(error.value.message)


def test_forged_and_expired_secrets_are_refused(app, org):
    for forged in ("", "abc", "x" * 500):
        with pytest.raises(services.FeedbackError):
            services.post_for_secret(forged)
    with clock.frozen(datetime(2025, 1, 1, 12, tzinfo=UTC)):
        _post, secret = services.create_anonymous_post(idea())
        db.session.commit()
    with clock.frozen(datetime(2025, 12, 31, 12, tzinfo=UTC)):
        assert services.post_for_secret(secret) is not None
    with clock.frozen(datetime(2026, 1, 2, 12, tzinfo=UTC)):
        with pytest.raises(services.FeedbackError) as error:
            services.post_for_secret(secret)
    assert "abgelaufen" in str(error.value.message)


def test_support_once_per_person_and_withdraw(make_post, people):
    post = make_post()
    supporter = people.staff[1]
    services.support(supporter, post)
    assert post.support_count == 1
    with pytest.raises(services.FeedbackError):
        services.support(supporter, post)
    services.withdraw_support(supporter, post)
    assert post.support_count == 0
    with pytest.raises(services.FeedbackError):
        services.withdraw_support(supporter, post)


def test_anonymous_support_only_counts(make_post, people):
    post = make_post(anonymous=True)
    services.support_anonymously(post)
    services.support(people.staff[2], post)
    db.session.commit()
    assert (post.support_count, post.anonymous_support_count) == (2, 1)
    assert db.session.scalar(select(func.count(FeedbackSupport.id))) == 1


def test_comments_are_numbered_in_order(make_post, people):
    post = make_post()
    first = services.add_named_comment(people.staff[1], post, "Erster")
    second = services.add_anonymous_comment(post, "Zweiter")
    third = services.add_anonymous_comment(post, "Dritter", from_post_author=True)
    assert [first.position, second.position, third.position] == [1, 2, 3]
    assert second.author_id is None and third.is_from_post_author
    assert post.comment_count == 3


def test_no_comment_or_support_on_hidden_post(org, make_post, people):
    post = make_post()
    moderation.hide_post(org.admin, post, "Enthält Namen von Kolleginnen.")
    for action in (
        lambda: services.add_named_comment(people.staff[1], post, "Hallo"),
        lambda: services.add_anonymous_comment(post, "Hallo"),
        lambda: services.support(people.staff[1], post),
        lambda: services.support_anonymously(post),
    ):
        with pytest.raises(services.FeedbackError) as error:
            action()
        assert "ausgeblendet" in str(error.value.message)
    assert db.session.scalar(select(func.count(FeedbackComment.id))) == 0


def test_final_status_needs_a_reason(org, make_post):
    post = make_post()
    for status in ("done", "declined"):
        with pytest.raises(services.FeedbackError) as error:
            moderation.change_status(org.leader, post, status, "   ")
        assert error.value.field == "answer"
    with pytest.raises(services.FeedbackError):
        moderation.change_status(org.leader, post, "new", "zurück")
    change = moderation.change_status(org.leader, post, "declined", "Rechtlich nicht möglich.")
    assert post.status == "declined" and change.from_status == "new"


def test_status_change_notifies_named_supporters_and_followers_only(org, make_post, people):
    post = make_post(anonymous=True)
    named, follower, bystander = people.staff[1], people.staff[2], people.staff[3]
    services.support(named, post)
    services.support_anonymously(post)
    services.set_following(follower, post, True)
    moderation.change_status(org.leader, post, "seen", "Wir schauen es uns an.")
    db.session.commit()
    recipients = set(db.session.scalars(select(Notification.user_id)))
    assert recipients == {named.id, follower.id}
    assert bystander.id not in recipients


def test_named_author_is_notified_of_status(org, make_post, people):
    post = make_post()
    moderation.change_status(org.admin, post, "in_progress", "")
    db.session.commit()
    assert list(db.session.scalars(select(Notification.user_id))) == [people.author.id]


def test_status_notification_links_to_the_post_under_the_base_url(app, monkeypatch, org, make_post, people):
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.example/lotse")
    post = make_post()
    moderation.change_status(org.admin, post, "seen", "")
    db.session.commit()
    assert list(db.session.scalars(select(Notification.url))) == [f"/lotse/feedback/{post.id}"]


def test_report_hide_unhide_and_audit(org, make_post, people):
    from intranet.audit.models import AuditEntry

    post = make_post()
    moderation.report_post(people.staff[1], post, "Beleidigend")
    with pytest.raises(services.FeedbackError):
        moderation.report_post(people.staff[1], post, "Nochmal")
    moderation.report_post(people.staff[2], post, "Finde ich auch")
    db.session.commit()
    db.session.refresh(post)
    assert post.open_report_count == 2
    moderation.hide_post(org.admin, post, "Verstößt gegen die Regeln")
    assert post.is_hidden and post.open_report_count == 0
    moderation.unhide_post(org.admin, post)
    db.session.commit()
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["feedback_reported", "feedback_reported", "feedback_hidden", "feedback_unhidden"]
    assert db.session.get(FeedbackPost, post.id) is not None  # never deleted
