"""Sign-up, waitlist and capacity rules, called as services (the caller commits)."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.pilots import queries, signups
from intranet.pilots.errors import PilotError
from intranet.pilots.models import PilotSignup


def _people(factory, count):
    unit = factory.unit()
    return [factory.user(unit=unit, name=f"Person {i}") for i in range(count)]


def _states(pilot):
    rows = db.session.execute(
        select(PilotSignup.user_id, PilotSignup.status, PilotSignup.waitlist_position)
        .where(PilotSignup.pilot_id == pilot.id)
        .order_by(PilotSignup.id)
    ).all()
    return [(row.user_id, row.status, row.waitlist_position) for row in rows]


def _confirmed_rows(pilot):
    return db.session.scalar(
        select(func.count(PilotSignup.id)).where(
            PilotSignup.pilot_id == pilot.id, PilotSignup.status == "confirmed"
        )
    )


def _notifications(user, kind):
    return db.session.scalars(
        select(Notification.message).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


def test_confirmed_while_places_are_free_then_waitlist_in_order(factory, make_pilot):
    pilot = make_pilot(capacity=2)
    people = _people(factory, 5)
    results = []
    for person in people:
        results.append(signups.sign_up(pilot, person, "Ich mache gern mit."))
        db.session.commit()
    assert [s.status for s in results] == ["confirmed"] * 2 + ["waitlisted"] * 3
    assert [queries.waitlist_rank(s) for s in results[2:]] == [1, 2, 3]
    assert pilot.confirmed_count == 2 == _confirmed_rows(pilot)


def test_signing_up_twice_is_refused(factory, make_pilot):
    pilot, person = make_pilot(), factory.user()
    signups.sign_up(pilot, person, "")
    db.session.commit()
    with pytest.raises(PilotError, match="bereits angemeldet"):
        signups.sign_up(pilot, person, "")
    db.session.rollback()
    assert pilot.confirmed_count == 1


def test_motivation_over_2000_characters_is_a_field_error(factory, make_pilot):
    pilot, person = make_pilot(), factory.user()
    with pytest.raises(PilotError) as raised:
        signups.sign_up(pilot, person, "x" * 50_000)
    assert raised.value.field == "motivation"
    assert "2000" in str(raised.value.message) or "2.000" in str(raised.value.message)
    signups.sign_up(pilot, person, "x" * 2000)  # exactly the limit is fine


@pytest.mark.parametrize("status", ["planned", "running", "evaluation", "done"])
def test_sign_up_refused_when_pilot_is_not_open(factory, make_pilot, status):
    pilot = make_pilot(status=status)
    with pytest.raises(PilotError, match="nicht geöffnet"):
        signups.sign_up(pilot, factory.user(), "")


def test_sign_up_refused_when_closed_or_after_deadline(factory, make_pilot):
    closed = make_pilot(is_signup_closed=True)
    with pytest.raises(PilotError, match="nicht geöffnet"):
        signups.sign_up(closed, factory.user(), "")
    late = make_pilot(signup_deadline=date(2026, 3, 1))
    with clock.frozen(datetime(2026, 3, 1, 21, 0, tzinfo=UTC)):  # 22:00 in Berlin: still the 1st
        signups.sign_up(late, factory.user(), "")
    with clock.frozen(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)):  # already 2 March in Berlin
        with pytest.raises(PilotError, match="Anmeldefrist"):
            signups.sign_up(late, factory.user(), "")


def test_withdraw_promotes_first_on_waitlist_and_notifies_them(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    first, second, third = _people(factory, 3)
    for person in (first, second, third):
        signups.sign_up(pilot, person, "")
    db.session.commit()
    signups.withdraw(pilot, first)
    db.session.commit()
    assert _states(pilot) == [
        (first.id, "withdrawn", None),
        (second.id, "confirmed", None),
        (third.id, "waitlisted", 2),
    ]
    assert queries.waitlist_rank(queries.signup_of(pilot, third)) == 1
    assert pilot.confirmed_count == 1
    assert len(_notifications(second, "pilot_promoted")) == 1
    assert _notifications(third, "pilot_promoted") == []


def test_withdrawing_from_waitlist_frees_no_place(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    first, second, third = _people(factory, 3)
    for person in (first, second, third):
        signups.sign_up(pilot, person, "")
    signups.withdraw(pilot, second)
    db.session.commit()
    assert pilot.confirmed_count == 1
    assert queries.signup_of(pilot, third).status == "waitlisted"
    assert queries.waitlist_rank(queries.signup_of(pilot, third)) == 1


def test_withdraw_when_not_signed_up_is_refused(factory, make_pilot):
    pilot = make_pilot()
    with pytest.raises(PilotError, match="nicht angemeldet"):
        signups.withdraw(pilot, factory.user())


def test_sign_up_again_after_withdrawal_goes_to_the_end(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    first, second = _people(factory, 2)
    signups.sign_up(pilot, first, "")
    signups.sign_up(pilot, second, "")
    signups.withdraw(pilot, first)
    again = signups.sign_up(pilot, first, "zurück")
    db.session.commit()
    assert again.status == "waitlisted" and queries.waitlist_rank(again) == 1
    assert queries.signup_of(pilot, second).status == "confirmed"


def test_remove_needs_reason_notifies_and_promotes(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    owner = pilot.owner
    first, second = _people(factory, 2)
    signups.sign_up(pilot, first, "")
    signups.sign_up(pilot, second, "")
    db.session.commit()
    with pytest.raises(PilotError) as raised:
        signups.remove(pilot, queries.signup_of(pilot, first), owner, "  ")
    assert raised.value.field == "reason"
    signups.remove(pilot, queries.signup_of(pilot, first), owner, "Falsches Amt")
    db.session.commit()
    assert queries.signup_of(pilot, first).status == "removed"
    assert queries.signup_of(pilot, second).status == "confirmed"
    assert "Falsches Amt" in _notifications(first, "pilot_removed")[0]
    assert pilot.confirmed_count == 1 == _confirmed_rows(pilot)
    with pytest.raises(PilotError, match="ausgetragen"):
        signups.sign_up(pilot, first, "Ich will wieder rein")


def test_raising_capacity_promotes_in_order(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    people = _people(factory, 5)
    for person in people:
        signups.sign_up(pilot, person, "")
    db.session.commit()
    promoted = signups.change_capacity(pilot, pilot.owner, 3)
    db.session.commit()
    assert [s.user_id for s in promoted] == [people[1].id, people[2].id]
    assert pilot.capacity == 3 and pilot.confirmed_count == 3 == _confirmed_rows(pilot)
    assert queries.waitlist_rank(queries.signup_of(pilot, people[4])) == 2


@pytest.mark.parametrize("bad", [0, -3, None])
def test_capacity_must_be_positive(make_pilot, bad):
    pilot = make_pilot()
    with pytest.raises(PilotError) as raised:
        signups.change_capacity(pilot, pilot.owner, bad)
    assert raised.value.field == "capacity"


def test_lowering_below_confirmed_needs_the_keep_choice(factory, make_pilot):
    pilot = make_pilot(capacity=3)
    people = _people(factory, 4)
    for person in people:
        signups.sign_up(pilot, person, "")
    db.session.commit()
    with pytest.raises(PilotError, match="Bestätigte Personen behalten"):
        signups.change_capacity(pilot, pilot.owner, 2)
    db.session.rollback()
    assert pilot.capacity == 3
    signups.change_capacity(pilot, pilot.owner, 2, keep_confirmed=True)
    db.session.commit()
    assert pilot.capacity == 2 and pilot.confirmed_count == 3
    # The first withdrawal brings the pilot back to its capacity: nobody moves up yet.
    signups.withdraw(pilot, people[0])
    db.session.commit()
    assert pilot.confirmed_count == 2 and queries.signup_of(pilot, people[3]).status == "waitlisted"
    signups.withdraw(pilot, people[1])
    db.session.commit()
    assert queries.signup_of(pilot, people[3]).status == "confirmed"
    assert pilot.confirmed_count == 2 == _confirmed_rows(pilot)


def test_required_training_path_blocks_until_completed(factory, make_pilot):
    from intranet.training.models import TrainingEnrolment, TrainingPath

    path = TrainingPath(title="E-Akte Grundlagen", status="published")
    db.session.add(path)
    db.session.commit()
    pilot, person = make_pilot(required_path_id=path.id), factory.user()
    with pytest.raises(PilotError, match="E-Akte Grundlagen") as raised:
        signups.sign_up(pilot, person, "")
    assert raised.value.field == "required_path"
    db.session.add(TrainingEnrolment(path_id=path.id, user_id=person.id, completed_at=clock.now()))
    db.session.commit()
    assert signups.sign_up(pilot, person, "").status == "confirmed"


def test_no_withdrawal_once_the_pilot_is_in_evaluation(factory, make_pilot):
    pilot, person = make_pilot(), factory.user()
    signups.sign_up(pilot, person, "")
    pilot.status = "evaluation"
    db.session.commit()
    with pytest.raises(PilotError, match="nicht mehr möglich"):
        signups.withdraw(pilot, person)
