"""Escalation up the tree: deadlines in working time, exactly once, trail and notifications."""

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.extensions import db
from intranet.guides import services
from intranet.guides.escalation import MAX_SINGLE_NOTIFICATIONS, escalate_overdue, warn_before_deadline
from intranet.guides.models import GuideProfile, Question, QuestionEvent
from intranet.notify.models import Notification
from intranet.sqlite_setup import write_intent

BERLIN = clock.LOCAL_TZ
FRIDAY_3PM = datetime(2026, 11, 13, 15, 0, tzinfo=BERLIN)
INBOX_ESCALATED = "/lotsen/posteingang?filter=escalated"


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


def notifications_for(user, kind=None):
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return db.session.scalars(query).all()


def escalated_to(unit, level) -> int:
    """How many "escalated" trail entries name this unit and level."""
    return db.session.scalar(
        select(func.count(QuestionEvent.id)).where(
            QuestionEvent.kind == "escalated", QuestionEvent.unit_id == unit.id, QuestionEvent.level == level
        )
    )


def notified_people(kind) -> set[int]:
    return set(db.session.scalars(select(Notification.user_id).where(Notification.kind == kind)))


def ask_friday(org, **kwargs):
    with clock.frozen(FRIDAY_3PM):
        question = services.ask(
            org.staff,
            kwargs.pop("title", "Wie scanne ich in die E-Akte?"),
            "",
            kwargs.pop("topic_id", None),
            kwargs.pop("private", False),
        )
        db.session.commit()
    return question


def test_question_goes_to_nearest_guides_with_deadline_tuesday(org):
    question = ask_friday(org)
    assert question.current_unit_id == org["a32"].id
    assert question.due_at.astimezone(BERLIN) == berlin(2026, 11, 17, 15, 0)
    assert question.warn_at.astimezone(BERLIN) == berlin(2026, 11, 17, 11, 0)
    assert [n.kind for n in notifications_for(org.guide)] == ["question_new"]


def test_not_escalated_over_the_weekend_but_on_tuesday_afternoon(org):
    question = ask_friday(org)
    with clock.frozen(berlin(2026, 11, 16, 23, 0)):
        assert escalate_overdue() == 0
    with clock.frozen(berlin(2026, 11, 17, 14, 59)):
        assert escalate_overdue() == 0
    with clock.frozen(berlin(2026, 11, 17, 15, 0)):
        assert escalate_overdue() == 1
        db.session.commit()
    db.session.refresh(question)
    assert (question.level, question.current_unit_id) == (1, org["d2"].id)
    # Dezernat level (depth 1) gets a fresh SLA from the escalation moment.
    assert question.due_at.astimezone(BERLIN) == berlin(2026, 11, 19, 15, 0)
    assert [n.kind for n in notifications_for(org.dezernat_guide)] == ["question_escalated"]
    assert notifications_for(org.dezernat_guide)[0].url == f"/lotsen/fragen/{question.id}"


def test_fronleichnam_delays_escalation_by_one_day(org):
    with clock.frozen(berlin(2026, 6, 2, 15, 0)):
        question = services.ask(org.staff, "Frage vor Fronleichnam", "", None, False)
        db.session.commit()
    with clock.frozen(berlin(2026, 6, 4, 15, 0)):
        assert escalate_overdue() == 0
    with clock.frozen(berlin(2026, 6, 5, 15, 0)):
        assert escalate_overdue() == 1
    assert db.session.get(Question, question.id).level == 1


def test_running_the_job_twice_escalates_once_and_notifies_once(org):
    question = ask_friday(org)
    with clock.frozen(berlin(2026, 11, 17, 16, 0)):
        assert escalate_overdue() == 1
        db.session.commit()
        assert escalate_overdue() == 0
        db.session.commit()
    events = db.session.scalars(
        select(QuestionEvent.kind).where(QuestionEvent.question_id == question.id)
    ).all()
    assert events.count("escalated") == 1
    assert len(notifications_for(org.dezernat_guide, "question_escalated")) == 1


def test_top_without_guide_goes_to_admins_and_stops(org):
    question = ask_friday(org)
    with clock.frozen(berlin(2026, 11, 17, 15, 0)):
        escalate_overdue()
        db.session.commit()
    with clock.frozen(berlin(2026, 11, 19, 15, 0)):
        assert escalate_overdue() == 1
        db.session.commit()
    db.session.refresh(question)
    assert question.at_admins and question.current_unit_id is None and question.due_at is None
    assert len(notifications_for(org.admin, "question_escalated")) == 1
    with clock.frozen(berlin(2027, 1, 1, 12, 0)):
        assert escalate_overdue() == 0


def test_answer_and_ask_back_stop_the_clock_but_a_claim_does_not(org):
    answered, asked_back, claimed = (ask_friday(org, title=f"Frage {i}") for i in range(3))
    with clock.frozen(berlin(2026, 11, 16, 9, 0)):
        services.answer(answered, org.guide, "So geht es.")
        services.answer(asked_back, org.guide, "Welches Programm?", ask_back=True)
        services.claim(claimed, org.guide)
        db.session.commit()
    assert answered.due_at is None and asked_back.due_at is None
    with clock.frozen(berlin(2026, 11, 30, 9, 0)):
        assert escalate_overdue() == 1
        db.session.commit()
    db.session.refresh(claimed)
    assert claimed.level == 1 and claimed.claimed_by_id is None  # the claim ends with the level


def test_asker_reply_restarts_the_clock_at_the_same_level(org):
    question = ask_friday(org)
    with clock.frozen(berlin(2026, 11, 16, 9, 0)):
        services.answer(question, org.guide, "Welches Programm?", ask_back=True)
        db.session.commit()
    with clock.frozen(berlin(2026, 11, 18, 9, 0)):  # Wednesday
        services.reply(question, org.staff, "Das Dokumentenmanagement.")
        db.session.commit()
    assert question.status == "open" and question.level == 0
    assert question.due_at.astimezone(BERLIN) == berlin(2026, 11, 20, 9, 0)
    assert len(notifications_for(org.guide, "question_update")) == 1


def test_warning_before_the_deadline_goes_out_once(org):
    ask_friday(org)
    with clock.frozen(berlin(2026, 11, 17, 10, 59)):
        assert warn_before_deadline() == 0
    with clock.frozen(berlin(2026, 11, 17, 11, 0)):
        assert warn_before_deadline() == 1
        db.session.commit()
        assert warn_before_deadline() == 0
    assert len(notifications_for(org.guide, "question_deadline")) == 1


def test_sla_is_configurable_per_depth(org):
    services.save_sla(2, 8, 2)  # Amt level (depth 2): 8 hours of working-day time
    db.session.commit()
    question = ask_friday(org)
    assert question.due_at.astimezone(BERLIN) == berlin(2026, 11, 13, 23, 0)
    with pytest.raises(services.GuidesError) as error:
        services.save_sla(2, 4, 4)
    assert error.value.field == "warn_hours"


def test_absent_guide_routes_to_the_deputy(org, factory):
    deputy = factory.user(name="Vera Vertretung", unit=org["a32"])
    services.save_profile(org.guide, True, deputy.id, [], "")
    db.session.commit()
    question = ask_friday(org)
    assert question.current_unit_id == org["a32"].id
    assert [n.kind for n in notifications_for(deputy)] == ["question_new"]
    assert notifications_for(org.guide) == []


def test_absent_guide_without_deputy_is_skipped(org):
    db.session.add(GuideProfile(user_id=org.guide.id, is_absent=True))
    db.session.commit()
    assert ask_friday(org).current_unit_id == org["d2"].id


def test_topic_goes_to_the_nearest_guide_for_that_topic(org, factory):
    topic = factory.topic("E-Akte")
    services.save_profile(org.dezernat_guide, False, None, [topic.id], "")
    db.session.commit()
    assert ask_friday(org, topic_id=topic.id).current_unit_id == org["d2"].id
    assert ask_friday(org, title="Ohne Thema").current_unit_id == org["a32"].id


def test_unit_without_any_guide_up_the_tree_goes_to_admins(factory):
    tree = factory.tree()
    admin = factory.admin(unit=tree["a10"])
    asker = factory.user(unit=tree["sg321"])
    with clock.frozen(FRIDAY_3PM):
        question = services.ask(asker, "Wer hilft mir?", "", None, False)
        db.session.commit()
    assert question.at_admins and question.due_at is None
    assert len(notifications_for(admin, "question_new")) == 1


def test_many_escalations_to_one_person_become_one_summary(org):
    for index in range(8):
        ask_friday(org, title=f"Frage Nummer {index}")
    with clock.frozen(berlin(2026, 11, 17, 15, 0)):
        assert escalate_overdue() == 8
        db.session.commit()
    notes = notifications_for(org.dezernat_guide, "question_escalated")
    assert [note.url for note in notes] == [INBOX_ESCALATED]
    assert escalated_to(org["d2"], level=1) == 8  # the trail: each of the eight, once
    assert notified_people("question_escalated") == {org.dezernat_guide.id}


def test_two_processes_at_once_escalate_each_question_once(org, app, monkeypatch):
    """Two job runs at the same moment (row locks on PostgreSQL, the write lock on SQLite)."""
    question_ids = [ask_friday(org, title=f"Gleichzeitig {index}").id for index in range(40)]
    db.session.commit()  # reading the ids began a transaction; its snapshot must not hide the runs
    barrier, results, errors = threading.Barrier(2), [], []
    if db.engine.dialect.name == "postgresql":
        # Both runs must have read the same overdue groups before either updates, so the
        # conditional UPDATE – not luck in timing – is what keeps it exactly once.
        from intranet.guides import escalation

        both_selected, original = threading.Barrier(2, timeout=20), escalation.guide_map

        def guide_map_after_both_selected():
            both_selected.wait()
            return original()

        monkeypatch.setattr(escalation, "guide_map", guide_map_after_both_selected)

    def run():
        try:
            with app.app_context(), write_intent():
                barrier.wait()
                results.append(escalate_overdue())
                db.session.commit()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    # The clock override is process-wide: freeze it once here, not in each thread (nested
    # freezes unwinding in another order would leave it frozen for later tests).
    with clock.frozen(berlin(2026, 11, 17, 16, 0)):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert sum(results) == 40
    escalated = db.session.scalar(
        select(func.count(QuestionEvent.id)).where(QuestionEvent.kind == "escalated")
    )
    assert escalated == 40
    assert db.session.scalar(select(func.count(Question.id)).where(Question.level == 1)) == 40
    # Each run tells the Dezernat guide about exactly the questions it moved: one notification
    # per question (a link to it) for a few, one summary (a link to the inbox) for many.
    notes = notifications_for(org.dezernat_guide, "question_escalated")
    summaries = [note for note in notes if note.url == INBOX_ESCALATED]
    singles = {note.url for note in notes if note.url != INBOX_ESCALATED}
    assert len(summaries) == sum(1 for moved in results if moved > MAX_SINGLE_NOTIFICATIONS)
    assert len(singles) == len(notes) - len(summaries)  # no question twice
    assert len(singles) == sum(moved for moved in results if moved <= MAX_SINGLE_NOTIFICATIONS)
    assert singles <= {f"/lotsen/fragen/{question_id}" for question_id in question_ids}
    assert notified_people("question_escalated") == {org.dezernat_guide.id}
    per_question = db.session.execute(
        select(QuestionEvent.question_id, func.count())
        .where(QuestionEvent.kind == "escalated")
        .group_by(QuestionEvent.question_id)
    ).all()
    assert len(per_question) == 40 and {count for _id, count in per_question} == {1}


def test_escalate_and_warning_jobs_run_through_the_scheduler_table(org, app):
    from intranet.scheduler import job_table, run_job

    assert job_table()["escalate"].schedule == {"minutes": 5}
    question = ask_friday(org)
    with clock.frozen(berlin(2026, 11, 17, 12, 0)):
        assert run_job(app, "warn-deadline") == (True, 1)
    with clock.frozen(berlin(2026, 11, 17, 15, 5)):
        assert run_job(app, "escalate") == (True, 1)
        assert run_job(app, "escalate") == (True, 0)
    db.session.expire_all()
    assert db.session.get(Question, question.id).level == 1
