"""The last place of an in-person session goes to exactly one person, under real threads."""

import threading

import pytest
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.sqlite_setup import write_intent
from intranet.training import learning
from intranet.training.models import TrainingPath, TrainingSessionSeat, TrainingStep
from intranet.training.services import TrainingError

pytestmark = pytest.mark.slow  # concurrency and whole-schema runs take seconds each


def _race(app, user_ids, path_id, step_id):
    barrier = threading.Barrier(len(user_ids))
    outcomes, errors = [], []

    def attempt(user_id):
        with app.app_context(), write_intent():
            try:
                barrier.wait(timeout=10)
                user = db.session.get(User, user_id)
                path = db.session.get(TrainingPath, path_id)
                step = db.session.get(TrainingStep, step_id)
                learning.book_seat(user, learning.find_enrolment(user, path), step)
                db.session.commit()
                outcomes.append("seat")
            except TrainingError:
                db.session.rollback()
                outcomes.append("full")
            except Exception as error:  # noqa: BLE001 - reported below, the test fails
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes, errors


def test_last_places_go_to_exactly_capacity_people(app, factory, builder):
    path = builder.path(kinds=("session",), capacity=3)
    users = [factory.user() for _ in range(10)]
    for user in users:
        learning.enrol(user, path)
    db.session.commit()
    outcomes, errors = _race(app, [u.id for u in users], path.id, path.steps[0].id)
    assert errors == []
    assert sorted(outcomes) == ["full"] * 7 + ["seat"] * 3
    db.session.rollback()  # end the read snapshot taken before the threads ran
    assert db.session.scalar(select(func.count(TrainingSessionSeat.id))) == 3
    assert db.session.get(TrainingStep, path.steps[0].id).seats_taken == 3


def test_same_person_twice_at_once_gets_one_seat(app, factory, builder):
    path = builder.path(kinds=("session",), capacity=5)
    user = factory.user()
    learning.enrol(user, path)
    db.session.commit()
    outcomes, errors = _race(app, [user.id] * 4, path.id, path.steps[0].id)
    assert errors == []
    assert sorted(outcomes) == ["full"] * 3 + ["seat"]  # "full" here: refused with a message
    db.session.rollback()  # end the read snapshot taken before the threads ran
    assert db.session.scalar(select(func.count(TrainingSessionSeat.id))) == 1
    assert db.session.get(TrainingStep, path.steps[0].id).seats_taken == 1
