"""Real parallel connections: capacity holds and the waitlist stays gapless under load.

Each thread has its own app context, database session and connection. Sign-ups go
through the HTTP layer (POST takes SQLite's write lock up front); the withdrawals call
the service directly inside `write_intent()`, as a job would.
"""

import threading

from sqlalchemy import select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.pilots import queries, signups
from intranet.pilots.models import Pilot, PilotSignup
from intranet.sqlite_setup import write_intent


def _run_in_threads(app, work, items):
    barrier = threading.Barrier(len(items))
    errors = []

    def runner(item):
        try:
            with app.app_context():
                barrier.wait(timeout=60)
                work(item)
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(error))

    threads = [threading.Thread(target=runner, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "threads hung"
    assert errors == []


def _rows(pilot_id):
    db.session.commit()  # end the test's read snapshot; see what the threads committed
    return db.session.scalars(
        select(PilotSignup).where(PilotSignup.pilot_id == pilot_id).order_by(PilotSignup.id)
    ).all()


def test_100_simultaneous_sign_ups_for_10_places(app, factory, make_pilot):
    pilot_id = make_pilot(capacity=10).id
    unit = factory.unit()
    # Plain values only: ORM objects of the test's session must not cross threads.
    logins = [factory.user(unit=unit, password=None).get_id() for _ in range(100)]
    statuses = []

    def sign_up(login_id):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = login_id, True
        response = client.post(f"/pilotprojekte/{pilot_id}/anmelden", data={"motivation": "Gern!"})
        statuses.append(response.status_code)

    _run_in_threads(app, sign_up, logins)
    rows = _rows(pilot_id)
    pilot = db.session.get(Pilot, pilot_id)
    assert statuses == [303] * 100
    confirmed = [row for row in rows if row.status == "confirmed"]
    waiting = sorted(
        (row for row in rows if row.status == "waitlisted"), key=lambda row: row.waitlist_position
    )
    assert len(rows) == 100 and len({row.user_id for row in rows}) == 100
    assert len(confirmed) == 10
    assert db.session.get(Pilot, pilot.id).confirmed_count == 10
    assert [row.waitlist_position for row in waiting] == list(range(1, 91))
    # Arrival order: a later waitlist position never signed up earlier.
    times = [row.created_at for row in waiting]
    assert times == sorted(times)
    assert max(row.created_at for row in confirmed) <= times[0]


def test_simultaneous_withdrawals_promote_exactly_one_each(app, factory, make_pilot):
    pilot = make_pilot(capacity=10)
    unit = factory.unit()
    people = [factory.user(unit=unit, password=None) for _ in range(25)]
    for person in people:
        signups.sign_up(pilot, person, "")
    db.session.commit()
    pilot_id, leaving = pilot.id, [person.id for person in people[:10]]

    def withdraw(user_id):
        with write_intent():
            signups.withdraw(db.session.get(Pilot, pilot_id), db.session.get(User, user_id))
            db.session.commit()

    _run_in_threads(app, withdraw, leaving)
    rows = {row.user_id: row for row in _rows(pilot.id)}
    assert [rows[p.id].status for p in people[:10]] == ["withdrawn"] * 10
    assert [rows[p.id].status for p in people[10:20]] == ["confirmed"] * 10
    assert [rows[p.id].status for p in people[20:]] == ["waitlisted"] * 5
    assert db.session.get(Pilot, pilot.id).confirmed_count == 10
    assert [queries.waitlist_rank(rows[p.id]) for p in people[20:]] == [1, 2, 3, 4, 5]


def test_two_withdraw_at_once_with_a_short_waitlist(app, factory, make_pilot):
    pilot = make_pilot(capacity=2)
    unit = factory.unit()
    people = [factory.user(unit=unit, password=None) for _ in range(3)]
    for person in people:
        signups.sign_up(pilot, person, "")
    db.session.commit()
    pilot_id = pilot.id

    def withdraw(user_id):
        with write_intent():
            signups.withdraw(db.session.get(Pilot, pilot_id), db.session.get(User, user_id))
            db.session.commit()

    _run_in_threads(app, withdraw, [person.id for person in people[:2]])
    rows = {row.user_id: row.status for row in _rows(pilot.id)}
    assert rows[people[2].id] == "confirmed"
    assert db.session.get(Pilot, pilot.id).confirmed_count == 1
