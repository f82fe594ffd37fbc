"""Issue 17: a question waiting in a guide's inbox is on the guide's "Zu erledigen" strip."""

from intranet.extensions import db
from intranet.guides import services
from intranet.urls import path_for


def test_waiting_question_is_a_todo_for_the_guide_only(client, org, login_as):
    question = services.ask(org.staff, "Wie scanne ich in die E-Akte?", "", None, False)
    db.session.commit()
    login_as(org.guide)
    html = client.get("/").text
    assert "Frage „Wie scanne ich in die E-Akte?“ beantworten" in html
    assert f'href="{path_for("guides.question", question_id=question.id)}"' in html
    login_as(org.staff)
    assert "beantworten" not in client.get("/").text
