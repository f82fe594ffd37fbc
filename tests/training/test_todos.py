"""Issue 17: an assigned path with a due date is on the home page's "Zu erledigen" strip."""

from datetime import date

from intranet.extensions import db
from intranet.training import learning


def test_due_path_is_a_todo_with_its_date_and_goes_when_done(client, org, login_as, builder):
    path = builder.path(kinds=("read",), title="Sicher im Netz")
    enrolment = learning.enrol(org.staff, path)
    enrolment.due_on = date(2031, 5, 4)
    undated = builder.path(kinds=("read",), title="Ohne Frist")
    learning.enrol(org.staff, undated)
    db.session.commit()
    login_as(org.staff)
    html = client.get("/").text
    assert "Lernpfad „Sicher im Netz“ abschließen, fällig am 04.05.2031" in html
    assert f'href="/lernpfade/{path.id}">Weitermachen' in html
    assert "„Ohne Frist“ abschließen" not in html  # only paths with a due date are to-dos
    learning.complete_step(org.staff, enrolment, path.steps[0])
    db.session.commit()
    assert "„Sicher im Netz“ abschließen" not in client.get("/").text
