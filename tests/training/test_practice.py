"""Practice confirmed by a guide of the learner's unit."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.training import learning
from intranet.training.models import TrainingEnrolment, TrainingPracticeRequest


def test_request_confirm_flow(client, org, login_as, builder):
    learner, guide = org.staff, org.guide
    path = builder.path(kinds=("practice",))
    step = path.steps[0]
    login_as(learner)
    client.post(f"/lernpfade/{path.id}/einschreiben")
    assert (
        client.post(
            f"/lernpfade/{path.id}/schritte/{step.id}/praxisnachweis", data={"note": "Vorgang 4711 angelegt"}
        ).status_code
        == 303
    )
    again = client.post(f"/lernpfade/{path.id}/schritte/{step.id}/praxisnachweis", data={"note": "nochmal"})
    assert again.status_code == 422 and "liegt bereits vor" in again.text
    assert (
        db.session.scalar(
            select(Notification.user_id).where(Notification.kind == "training_practice_requested")
        )
        == guide.id
    )
    login_as(guide)
    inbox = client.get("/lernpfade/praxisnachweise")
    assert "Vorgang 4711 angelegt" in inbox.text
    practice = db.session.scalar(select(TrainingPracticeRequest))
    empty_feedback = client.post(f"/lernpfade/praxisnachweise/{practice.id}", data={"send_feedback": "1"})
    assert empty_feedback.status_code == 422 and "Bitte schreiben Sie eine Rückmeldung" in empty_feedback.text
    assert (
        client.post(
            f"/lernpfade/praxisnachweise/{practice.id}", data={"confirm": "1", "feedback": "Gut gemacht"}
        ).status_code
        == 303
    )
    assert db.session.scalar(select(TrainingEnrolment)).completed_at is not None


def test_feedback_lets_learner_ask_again(app, org, builder):
    learner, guide = org.staff, org.guide
    path = builder.path(kinds=("practice",))
    enrolment = learning.enrol(learner, path)
    practice = learning.request_practice(learner, enrolment, path.steps[0], "")
    learning.decide_practice(guide, practice, False, "Bitte noch den Aktenplan beachten.")
    assert practice.status == "feedback" and enrolment.completed_at is None
    again = learning.request_practice(learner, enrolment, path.steps[0], "Erledigt")
    assert again.id == practice.id and again.status == "requested"


def test_guide_outside_the_unit_cannot_confirm(client, org, login_as, builder):
    learner, other_guide = org.staff, org.other_guide
    path = builder.path(kinds=("practice",))
    enrolment = learning.enrol(learner, path)
    practice = learning.request_practice(learner, enrolment, path.steps[0], "")
    db.session.commit()
    try:
        learning.decide_practice(other_guide, practice, True, "")
    except learning.TrainingError as error:
        assert "aus Ihren Einheiten" in str(error.message)
    else:
        raise AssertionError("a guide outside the learner's units must be refused")
    login_as(other_guide)
    assert "Zurzeit wartet keine Anfrage auf Sie." in client.get("/lernpfade/praxisnachweise").text
    assert client.post(f"/lernpfade/praxisnachweise/{practice.id}", data={"confirm": "1"}).status_code == 404
    db.session.refresh(practice)
    assert practice.status == "requested"


def test_request_goes_to_the_nearest_guides_only(app, org, factory, builder):
    learner, near, above = org.staff, org.guide, org.dezernat_guide
    top = factory.user(unit=org["root"], roles=[("guide", org["root"])])
    path = builder.path(kinds=("practice",))
    enrolment = learning.enrol(learner, path)
    learning.request_practice(learner, enrolment, path.steps[0], "")
    told = set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.kind == "training_practice_requested")
        )
    )
    assert told == {near.id}
    assert top.id not in told and above.id not in told


def test_csrf_is_enforced_on_training_posts(make_app, factory, builder, login_as):
    strict = make_app(WTF_CSRF_ENABLED=True)
    user = factory.user()
    path = builder.path()
    client = strict.test_client()
    login_as(user, client)
    assert client.post(f"/lernpfade/{path.id}/einschreiben").status_code == 400
    assert db.session.scalar(select(TrainingEnrolment)) is None


def test_my_data_lists_own_training_only(client, org, login_as, builder):
    learner, other = org.staff, org.other_staff
    path = builder.path(kinds=("practice",), title="Sicher im Netz")
    enrolment = learning.enrol(learner, path)
    learning.request_practice(learner, enrolment, path.steps[0], "Meine geheime Notiz")
    db.session.commit()
    login_as(learner)
    mine = client.get("/meine-daten")
    assert mine.status_code == 200
    assert "Sicher im Netz" in mine.text and "Meine geheime Notiz" in mine.text
    download = client.get("/meine-daten.json")
    assert download.status_code == 200 and "Meine geheime Notiz" in download.get_data(as_text=True)
    login_as(other)
    assert "Meine geheime Notiz" not in client.get("/meine-daten").text
