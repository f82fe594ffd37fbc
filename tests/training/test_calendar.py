"""The training session's iCal: UIDs name the installation, DTSTAMP is the time of the export."""

from icalendar import Calendar

from intranet import clock
from tests.training.test_learning_views import _enrol


def test_session_calendar_uid_names_the_installation(app, client, factory, login_as, builder, monkeypatch):
    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.kreis-beispiel.de")
    path = builder.path(kinds=("session",), capacity=1)
    session = path.steps[0]
    login_as(factory.user())
    _enrol(client, path)
    client.post(f"/lernpfade/{path.id}/schritte/{session.id}/platz")
    body = client.get(f"/lernpfade/{path.id}/schritte/{session.id}/termin.ics").get_data()
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["uid"]) == f"training-step-{session.id}@intranet.kreis-beispiel.de"
    assert event.decoded("dtstamp") <= clock.now()
