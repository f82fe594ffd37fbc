"""Follow, questions, acknowledgements with aggregates above k, reminders, tokens."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.decisions import engagement, jobs, services, tokens
from intranet.decisions.services import DecisionError
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.scheduler import job_table, run_job  # also registers the job_lease table early
from tests.decisions.conftest import decision_data


def _notified(kind: str) -> list[int]:
    return list(
        db.session.scalars(
            select(Notification.user_id).where(Notification.kind == kind).order_by(Notification.id)
        )
    )


def test_question_notifies_owner_and_answer_notifies_asker(org, make_decision):
    decision = make_decision()
    question = engagement.ask_question(org["staff"], decision, "Gibt es eine Schulung?")
    db.session.commit()
    assert _notified("decision.question") == [org["leader"].id]
    assert engagement.is_following(org["staff"], decision)
    engagement.answer_question(org["leader"], question, "Ja, im Februar.")
    db.session.commit()
    assert _notified("decision.answer") == [org["staff"].id]
    assert question.answered_by_id == org["leader"].id


@pytest.mark.parametrize("body", ["", "   ", "x" * 4001])
def test_bad_questions_are_refused(org, make_decision, body):
    with pytest.raises(DecisionError) as error:
        engagement.ask_question(org["staff"], make_decision(), body)
    assert error.value.field == "body"


def test_follow_is_idempotent(org, make_decision):
    decision = make_decision()
    engagement.set_following(org["staff"], decision, True)
    engagement.set_following(org["staff"], decision, True)
    assert engagement.is_following(org["staff"], decision)
    engagement.set_following(org["staff"], decision, False)
    assert not engagement.is_following(org["staff"], decision)


def test_acknowledgement_and_new_one_after_substantive_revision(org, make_decision):
    decision = make_decision(requires_acknowledgement=True)
    staff = org["staff"]
    assert staff.id in _notified("decision.acknowledge")
    assert [d.id for d in db.session.scalars(engagement.pending_acknowledgement_query(staff))] == [
        decision.id
    ]
    engagement.acknowledge(staff, decision)
    engagement.acknowledge(staff, decision)  # twice is fine
    db.session.commit()
    assert engagement.has_acknowledged(staff, decision)
    assert db.session.scalars(engagement.pending_acknowledgement_query(staff)).all() == []
    data = decision_data(org["d2"], [org["a32"]], requires_acknowledgement=True)
    services.update_decision(org["leader"], decision, data, reason="Komma", substantive=False)
    assert engagement.has_acknowledged(staff, decision)
    services.update_decision(org["leader"], decision, data, reason="Neue Frist", substantive=True)
    db.session.commit()
    assert not engagement.has_acknowledged(staff, decision)
    engagement.acknowledge(staff, decision)
    assert engagement.has_acknowledged(staff, decision)


def test_unaffected_staff_cannot_acknowledge(org, make_decision, factory):
    decision = make_decision(requires_acknowledgement=True)
    outsider = factory.user(unit=org["a10"])
    with pytest.raises(DecisionError):
        engagement.acknowledge(outsider, decision)


def test_aggregates_hide_units_below_k(org, make_decision, factory, app):
    app.config["LOTSE_ANONYMITY_K"] = 5
    big = [factory.user(unit=org["sg321"]) for _ in range(5)]  # plus org["staff"]: 6 members
    small = factory.unit("SG 32.9", org["a32"], "sachgebiet")
    factory.user(unit=small)
    decision = make_decision(requires_acknowledgement=True, affected=[org["sg321"], small])
    for user in big[:3]:
        engagement.acknowledge(user, decision)
    db.session.commit()
    rows, k = engagement.acknowledgement_aggregates(decision)
    by_name = {row.unit_name: row for row in rows}
    assert k == 5
    assert (by_name["SG 32.1"].acknowledged, by_name["SG 32.1"].members) == (3, 6)
    assert by_name["SG 32.9"].acknowledged is None


def test_acknowledgement_reminders_are_weekly_and_stop_when_done(org, make_decision, factory):
    with clock.frozen(datetime(2026, 11, 2, 8, tzinfo=UTC)):
        decision = make_decision(requires_acknowledgement=True, affected=[org["sg321"]])
    colleague = factory.user(unit=org["sg321"])
    engagement.acknowledge(org["staff"], decision)
    db.session.commit()
    with clock.frozen(datetime(2026, 11, 5, 8, tzinfo=UTC)):
        assert engagement.remind_acknowledgements() == 0  # too soon after publishing
    with clock.frozen(datetime(2026, 11, 10, 8, tzinfo=UTC)):
        assert engagement.remind_acknowledgements() == 1
        assert engagement.remind_acknowledgements() == 0  # once a week only
    db.session.commit()
    engagement.acknowledge(colleague, decision)
    with clock.frozen(datetime(2026, 11, 20, 8, tzinfo=UTC)):
        assert engagement.remind_acknowledgements() == 0


def test_working_days_skip_weekends_and_holidays():
    # Thu 24 Dec 2026: 25 Dec and 1 Jan are holidays, weekends between; 6 Jan only in BW.
    assert jobs.add_working_days(date(2026, 12, 24), 5, "BW") == date(2027, 1, 4)
    assert jobs.add_working_days(date(2026, 12, 24), 7, "BW") == date(2027, 1, 7)
    assert jobs.add_working_days(date(2026, 12, 24), 7, "NI") == date(2027, 1, 6)
    assert jobs.add_working_days(date(2026, 11, 16), 5, "BW") == date(2026, 11, 23)


def test_unanswered_question_reminds_owner_once_after_five_working_days(org, make_decision):
    decision = make_decision()
    with clock.frozen(datetime(2026, 11, 16, 9, tzinfo=UTC)):  # Monday
        engagement.ask_question(org["staff"], decision, "Was ist mit Papierakten?")
        db.session.commit()
    with clock.frozen(datetime(2026, 11, 20, 15, tzinfo=UTC)):
        assert jobs.remind_unanswered_questions() == 0
    with clock.frozen(datetime(2026, 11, 23, 9, tzinfo=UTC)):
        assert jobs.remind_unanswered_questions() == 1
        assert jobs.remind_unanswered_questions() == 0
    assert _notified("decision.question_reminder") == [org["leader"].id]


def test_review_date_reminds_owner_once(org, make_decision):
    decision = make_decision(review_date=date(2027, 6, 1))
    with clock.frozen(datetime(2027, 5, 31, 9, tzinfo=UTC)):
        assert jobs.remind_reviews() == 0
    with clock.frozen(datetime(2027, 6, 1, 9, tzinfo=UTC)):
        assert jobs.remind_reviews() == 1
        assert jobs.remind_reviews() == 0
    db.session.commit()
    decision.review_date = date(2028, 6, 1)
    with clock.frozen(datetime(2028, 6, 2, 9, tzinfo=UTC)):
        assert jobs.remind_reviews() == 1


def test_reminder_job_runs_through_the_scheduler_table(app, org, make_decision):
    make_decision(requires_acknowledgement=True)
    ran, result = run_job(app, "decision-reminders")
    assert ran and result.startswith("Fragen 0")
    assert "decision-reminders" in job_table()


def test_tokens_store_only_hashes_and_can_be_revoked(org):
    token, secret = tokens.create_token(org["staff"], "feed", "Feed-Reader")
    db.session.commit()
    assert secret not in token.token_hash and len(token.token_hash) == 64
    assert tokens.user_for_token(secret, "feed") == org["staff"]
    assert tokens.user_for_token(secret, "api") is None
    assert tokens.user_for_token(secret + "x", "feed") is None
    with pytest.raises(DecisionError):
        tokens.revoke_token(org["leader"], token)
    tokens.revoke_token(org["staff"], token)
    assert tokens.user_for_token(secret, "feed") is None


def test_token_label_is_required_and_limited(org):
    for label in ("", "x" * 81):
        with pytest.raises(DecisionError) as error:
            tokens.create_token(org["staff"], "api", label)
        assert error.value.field == "label"
    assert db.session.scalar(select(func.count()).select_from(tokens.DecisionToken)) == 0


def test_substantive_revision_asks_affected_staff_again(org, make_decision):
    decision = make_decision(requires_acknowledgement=True)
    engagement.acknowledge(org["staff"], decision)
    before = len(_notified("decision.acknowledge"))
    data = decision_data(org["d2"], [org["a32"]], requires_acknowledgement=True)
    services.update_decision(org["leader"], decision, data, reason="Frist", substantive=True)
    db.session.commit()
    assert _notified("decision.acknowledge")[before:] == [org["staff"].id]
