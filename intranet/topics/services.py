"""Reading and maintaining the shared topic list."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intranet.audit.services import record
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.form_rules import too_long
from intranet.topics.models import Topic

MAX_NAME = 80
MAX_DESCRIPTION = 300


class TopicError(DomainError):
    """A rule about topics was broken."""

    default_field = "name"


def active_topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).where(Topic.is_active.is_(True)).order_by(Topic.name)))


def topic_choices(blank_label=None) -> list[tuple[int, str]]:
    """Select-box choices; with blank_label a first "none" choice with value 0."""
    choices = [(topic.id, topic.name) for topic in active_topics()]
    return ([(0, blank_label)] if blank_label is not None else []) + choices


def save_topic(actor, topic: Topic | None, name: str, description: str = "") -> Topic:
    """Create (topic None) or rename a topic; names are unique regardless of case. Audited."""
    name = " ".join((name or "").split())
    if not name:
        raise TopicError(_l("Bitte geben Sie einen Namen ein."))
    if len(name) > MAX_NAME:
        raise TopicError(too_long(MAX_NAME))
    clash = db.session.scalar(select(Topic).where(func.lower(Topic.name) == name.lower()))
    if clash is not None and clash is not topic:
        raise TopicError(_l("Dieses Thema gibt es schon."))
    created = topic is None
    if topic is None:
        topic = Topic(name=name)
        db.session.add(topic)
    topic.name, topic.description = name, (description or "").strip()[:MAX_DESCRIPTION]
    db.session.flush()
    record(actor, "topic_created" if created else "topic_updated", topic, summary=topic.name)
    return topic


def toggle_topic(actor, topic: Topic) -> Topic:
    """Show or hide a topic for new content; existing content keeps it. Audited."""
    topic.is_active = not topic.is_active
    record(actor, "topic_activated" if topic.is_active else "topic_deactivated", topic, summary=topic.name)
    return topic
