"""Issue 17: a decision to acknowledge is on the home page's "Zu erledigen" strip until acknowledged."""

from intranet.decisions import engagement
from intranet.extensions import db


def test_decision_to_acknowledge_is_a_todo_until_acknowledged(client, login_as, org, make_decision):
    decision = make_decision(requires_acknowledgement=True, affected=[org["sg321"]])
    login_as(org["staff"])
    html = client.get("/").text
    assert f"Entscheidung „{decision.title}“ zur Kenntnis nehmen" in html
    assert "Lesen und bestätigen" in html
    engagement.acknowledge(org["staff"], decision)
    db.session.commit()
    html = client.get("/").text
    assert "zur Kenntnis nehmen" not in html and "Gerade ist nichts zu erledigen." in html
