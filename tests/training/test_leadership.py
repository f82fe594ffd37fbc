"""Leadership: assignments with due dates, reminders, aggregate unit reports above k."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.scheduler import run_job
from intranet.training import assignments, learning
from intranet.training.models import TrainingEnrolment, TrainingReminder
from tests.charts_check import check_charts

NOON = datetime(2030, 3, 1, 11, 0, tzinfo=UTC)


def test_assign_enrols_unit_and_subunits_and_notifies(client, org, login_as, builder):
    tree, leader = org.tree, org.leader
    in_amt, in_sg, in_other_sg, outside = org.guide, org.staff, org.other_staff, org.other_guide
    path = builder.path()
    login_as(leader)
    with clock.frozen(NOON):
        assert client.get(f"/lernpfade/{path.id}/zuweisen").status_code == 200
        response = client.post(
            f"/lernpfade/{path.id}/zuweisen", data={"unit_id": tree["a32"].id, "due_on": "2030-04-01"}
        )
    assert response.status_code == 303
    enrolled = set(db.session.scalars(select(TrainingEnrolment.user_id)))
    assert enrolled == {in_amt.id, in_sg.id, in_other_sg.id}
    assert outside.id not in enrolled
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "training.assign"))
    assert entry.actor_id == leader.id and entry.details["people"] == 3
    assert (
        db.session.scalar(select(func.count(Notification.id)).where(Notification.kind == "training_assigned"))
        == 3
    )
    login_as(in_sg)
    home = client.get("/")
    assert path.title in home.text and "zugewiesen" in home.text
    assigned = client.get("/lernpfade/?show=assigned")
    assert path.title in assigned.text


def test_assign_refuses_past_date_and_unit_outside_scope(client, org, login_as, builder):
    tree, leader = org.tree, org.leader
    path = builder.path()
    login_as(leader)
    with clock.frozen(NOON):
        past = client.post(
            f"/lernpfade/{path.id}/zuweisen", data={"unit_id": tree["a32"].id, "due_on": "2030-02-28"}
        )
        assert past.status_code == 422 and "in der Vergangenheit" in past.text
        outside = client.post(
            f"/lernpfade/{path.id}/zuweisen", data={"unit_id": tree["a10"].id, "due_on": "2030-04-01"}
        )
        assert outside.status_code == 422 and "aus Ihrem Bereich" in outside.text
        garbage = client.post(f"/lernpfade/{path.id}/zuweisen", data={"unit_id": "x", "due_on": "bald"})
        assert garbage.status_code == 422 and "gültiges Datum" in garbage.text
    assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 0


def test_reminders_14_and_3_days_exactly_once_and_stop_on_completion(app, org, factory, builder):
    slow, done = org.staff, factory.user(unit=org["sg321"])
    path = builder.path(kinds=("read",))
    with clock.frozen(NOON):
        assignments.assign_path(org.leader, path, org["sg321"].id, date(2030, 3, 31))
        db.session.commit()
    finished = db.session.scalar(select(TrainingEnrolment).where(TrainingEnrolment.user_id == done.id))
    learning.complete_step(done, finished, path.steps[0])
    db.session.commit()

    def reminders_for(user):
        return db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.kind == "training_reminder"
            )
        )

    for day, expected in [(16, 0), (17, 1), (17, 0), (20, 0)]:  # 15, 14, 14 again, 11 days before
        assert assignments.send_reminders(date(2030, 3, day)) == expected, day
        db.session.commit()
    with clock.frozen(datetime(2030, 3, 28, 6, 0, tzinfo=UTC)):
        ran, result = run_job(app, "training-reminders")  # 3 days before, through the job table
        assert (ran, result) == (True, "0 neu eingeplant, 1 Erinnerungen")
        assert run_job(app, "training-reminders") == (False, None)  # once per day (job_run)
    assert reminders_for(slow) == 2
    assert reminders_for(done) == 0
    assert db.session.scalar(select(func.count(TrainingReminder.id))) == 2


def test_late_assignment_gets_only_the_nearest_reminder(app, org, builder):
    path = builder.path()
    with clock.frozen(NOON):
        assignments.assign_path(org.leader, path, org["sg321"].id, date(2030, 3, 3))  # org.staff alone
        db.session.commit()
    assert assignments.send_reminders(date(2030, 3, 1)) == 1
    assert assignments.send_reminders(date(2030, 3, 2)) == 0


def test_unit_report_shows_aggregates_and_folds_small_groups(client, org, login_as, builder):
    leader = org.leader
    path = builder.path(kinds=("read", "read"))
    big = org.crowd(6, "sg321", prefix="Beschäftigter")  # shown on its own
    small = org.crowd(2, "sg322", prefix="Kollegin")  # folded into Amt 32
    amt = org.crowd(3, "a32", prefix="Mitarbeiterin")
    for user in big + small + amt:
        enrolment = learning.enrol(user, path)
        if user in big[:4]:
            learning.complete_step(user, enrolment, path.steps[0])
            learning.complete_step(user, enrolment, path.steps[1])
        elif user in big[4:5]:
            learning.complete_step(user, enrolment, path.steps[0])
    db.session.commit()
    rows, hidden = assignments.unit_report(leader, path)
    by_name = {row.unit.name: row for row in rows}
    assert set(by_name) == {"SG 32.1", "Amt 32"}
    sg = by_name["SG 32.1"]
    assert (sg.enrolled, sg.in_progress, sg.completed, sg.overdue) == (6, 1, 4, 0)
    assert by_name["Amt 32"].enrolled == 5 and by_name["Amt 32"].folded == ["SG 32.2"]
    assert hidden == 0
    login_as(leader)
    page = client.get(f"/lernpfade/bericht?path={path.id}")
    assert page.status_code == 200
    assert "SG 32.1" in page.text and "einschließlich SG 32.2" in page.text
    for user in big + small + amt:
        assert user.name not in page.text


def test_report_hides_groups_below_k_at_the_top_of_scope(app, org, factory, builder):
    leader = factory.user(unit=org["sg322"], roles=[("leadership", org["sg322"])])
    path = builder.path()
    for user in org.crowd(3, "sg322"):
        learning.enrol(user, path)
    db.session.commit()
    rows, hidden = assignments.unit_report(leader, path)
    assert rows == [] and hidden == 3


def test_report_counts_overdue(app, org, builder):
    path = builder.path()
    org.crowd(4, "sg321")  # and org.staff: five people
    with clock.frozen(NOON):
        assignments.assign_path(org.leader, path, org["sg321"].id, date(2030, 3, 10))
        db.session.commit()
    with clock.frozen(NOON + timedelta(days=20)):
        rows, _hidden = assignments.unit_report(org.leader, path)
    assert [(r.unit.name, r.enrolled, r.overdue) for r in rows] == [("SG 32.1", 5, 5)]


def test_newcomers_to_an_assigned_unit_are_enrolled_by_the_job(app, org, factory, builder):
    tree = org.tree
    path = builder.path()
    with clock.frozen(NOON):
        assignments.assign_path(org.leader, path, tree["a32"].id, date(2030, 4, 1))
        db.session.commit()
    newcomer = factory.user(unit=tree["sg322"])
    factory.user(unit=tree["a10"])  # outside the assigned unit
    assert assignments.enrol_new_members(date(2030, 3, 5)) == 1
    db.session.commit()
    enrolment = db.session.scalar(select(TrainingEnrolment).where(TrainingEnrolment.user_id == newcomer.id))
    assert enrolment.due_on == date(2030, 4, 1)
    assert assignments.enrol_new_members(date(2030, 3, 5)) == 0
    factory.user(unit=tree["sg321"])  # joins after the due date
    assert assignments.enrol_new_members(date(2030, 4, 2)) == 0  # assignment over: nobody added


def test_report_chart_has_a_name_and_the_table_holds_its_numbers(client, org, login_as, builder):
    """Issue 17: the report's bar chart and its table show the same numbers."""
    path = builder.path(kinds=("read", "read"))
    crowd = org.crowd(6, "sg321", prefix="Beschäftigte")
    for index, user in enumerate(crowd):
        enrolment = learning.enrol(user, path)
        if index < 3:
            learning.complete_step(user, enrolment, path.steps[0])
        if index < 2:
            learning.complete_step(user, enrolment, path.steps[1])
    db.session.commit()
    login_as(org.leader)
    page = client.get(f"/lernpfade/bericht?path={path.id}").text
    assert check_charts(page) == 1
    assert 'data-value="2"' in page and 'data-value="1"' in page and 'data-value="3"' in page
