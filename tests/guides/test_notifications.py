"""Question notifications: in-app, e-mail through a real SMTP server, follows, header badge."""

from datetime import datetime

from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.guides import services
from intranet.guides.escalation import escalate_overdue
from intranet.notify.models import Notification
from intranet.notify.services import deliver_outbox, send_digests

BERLIN = clock.LOCAL_TZ


def mail_to(smtp_server, address):
    return [m for m in smtp_server.messages if address in m.rcpt_tos]


def test_new_question_and_answer_are_mailed_through_smtp(org, smtp_server):
    question = services.ask(org.staff, "Wie drucke ich doppelseitig?", "", None, False)
    db.session.commit()
    services.answer(question, org.guide, "Im Druckdialog „beidseitig“ wählen.")
    db.session.commit()
    assert deliver_outbox() == 2
    to_guide = mail_to(smtp_server, org.guide.email)
    to_asker = mail_to(smtp_server, org.staff.email)
    assert len(to_guide) == 1 and len(to_asker) == 1
    body = to_guide[0].content.decode()
    assert "Neue Frage an Sie" in body and f"/lotsen/fragen/{question.id}" in body
    assert "Neue Antwort auf" in to_asker[0].content.decode()
    assert deliver_outbox() == 0  # exactly once


def test_escalation_mail_goes_out_once_even_if_the_job_runs_twice(org, smtp_server):
    with clock.frozen(datetime(2026, 11, 13, 15, 0, tzinfo=BERLIN)):
        question = services.ask(org.staff, "Wer weiß das?", "", None, False)
        db.session.commit()
    deliver_outbox()
    before = len(mail_to(smtp_server, org.dezernat_guide.email))
    with clock.frozen(datetime(2026, 11, 17, 15, 30, tzinfo=BERLIN)):
        escalate_overdue()
        db.session.commit()
        escalate_overdue()
        db.session.commit()
    assert deliver_outbox() == 1
    notes = db.session.scalars(select(Notification).where(Notification.kind == "question_escalated")).all()
    assert [(note.user_id, note.url) for note in notes] == [
        (org.dezernat_guide.id, f"/lotsen/fragen/{question.id}")
    ]
    mails = mail_to(smtp_server, org.dezernat_guide.email)[before:]
    assert len(mails) == 1 and f"/lotsen/fragen/{question.id}" in mails[0].content.decode()


def test_followers_hear_about_replies_and_can_stop(org, factory, client, login_as):
    colleague = factory.user(name="Neugierige Kollegin", unit=org["sg322"])
    question = services.ask(org.staff, "Öffentliche Frage", "", None, False)
    db.session.commit()
    login_as(colleague)
    response = client.post(f"/lotsen/fragen/{question.id}/folgen")
    assert response.status_code == 303
    services.answer(question, org.guide, "Antwort")
    db.session.commit()
    kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == colleague.id)).all()
    assert kinds == ["question_update"]
    client.post(f"/lotsen/fragen/{question.id}/folgen", data={"stop": "1"})
    services.reply(question, org.staff, "Danke, noch eine Frage")
    db.session.commit()
    assert (
        len(db.session.scalars(select(Notification.kind).where(Notification.user_id == colleague.id)).all())
        == 1
    )


def test_digest_users_get_question_news_in_the_daily_digest(org, factory, smtp_server):
    digest_guide = factory.user(
        name="Digest Guide",
        unit=org["sg321"],
        roles=[("guide", org["sg321"])],
        email_preference="digest",
    )
    services.ask(org.staff, "Frage für die Zusammenfassung", "", None, False)
    db.session.commit()
    assert deliver_outbox() == 0  # no immediate mail for digest users
    assert send_digests() == 1
    db.session.commit()
    deliver_outbox()
    mails = mail_to(smtp_server, digest_guide.email)
    assert len(mails) == 1 and "Frage für die Zusammenfassung" in mails[0].content.decode()


def test_header_inbox_badge_shows_the_count_and_refreshes_on_events(org, client, login_as):
    services.ask(org.staff, "Badge-Frage", "", None, False)
    db.session.commit()
    login_as(org.guide)
    page = client.get("/lotsen/faq").text
    assert 'id="inbox-badge"' in page and "load, every 60s" in page
    badge = client.get("/lotsen/posteingang/kennzahl", headers={"HX-Request": "true"}).text
    assert '<span class="badge">1' in badge and "inbox-changed from:body" in badge
    assert "load," not in badge  # the refreshed badge does not reload itself in a loop
    login_as(org.staff)
    assert 'id="inbox-badge"' not in client.get("/lotsen/faq").text
