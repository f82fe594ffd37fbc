"""Admins maintain the shared topics."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.topics.models import Topic
from intranet.topics.services import active_topics


def test_create_rename_and_hide_topic(client, factory, login_as):
    login_as(factory.admin())
    assert (
        client.post("/verwaltung/themen", data={"name": " E-Akte ", "description": "Akten"}).status_code
        == 303
    )
    topic = db.session.scalar(select(Topic))
    assert topic.name == "E-Akte"
    response = client.post("/verwaltung/themen", data={"name": "e-akte"})
    assert response.status_code == 422 and "gibt es schon" in response.get_data(as_text=True)
    assert client.post(f"/verwaltung/themen/{topic.id}", data={"name": "E-Akte Plus"}).status_code == 303
    assert client.post(f"/verwaltung/themen/{topic.id}/status").status_code == 303
    db.session.refresh(topic)
    assert topic.name == "E-Akte Plus" and not topic.is_active
    assert active_topics() == []


def test_topic_errors_keep_input(client, factory, login_as):
    login_as(factory.admin())
    response = client.post("/verwaltung/themen", data={"name": "", "description": "Meine Beschreibung"})
    assert response.status_code == 422
    assert "Meine Beschreibung" in response.get_data(as_text=True)
    response = client.post("/verwaltung/themen", data={"name": "x" * 81})
    assert "Höchstens 80 Zeichen." in response.get_data(as_text=True)


def test_topic_services_write_their_own_audit_entries(org):
    from intranet.audit.models import AuditEntry
    from intranet.topics import services

    topic = services.save_topic(org.admin, None, "Datenschutz", "")
    services.save_topic(org.admin, topic, "Datenschutz und IT", "")
    services.toggle_topic(org.admin, topic)
    db.session.commit()
    entries = db.session.execute(
        select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.object_id).order_by(AuditEntry.id)
    ).all()
    assert entries == [
        ("topic_created", org.admin.id, topic.id),
        ("topic_updated", org.admin.id, topic.id),
        ("topic_deactivated", org.admin.id, topic.id),
    ]
