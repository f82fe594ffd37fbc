"""Personal data of notifications and the e-mail outbox: kept 90 days, then deleted."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func

from intranet.auth.privacy import PUBLIC_TASK
from intranet.extensions import db
from intranet.features import DataCategory, Retention
from intranet.notify.models import Notification, OutgoingMail

NOTIFICATIONS = Retention(
    "LOTSE_RETENTION_NOTIFICATION_DAYS",
    90,
    _l("nach der Benachrichtigung"),
    _l(
        "Eine Benachrichtigung weist auf etwas hin, das selbst erhalten bleibt (Frage, Beitrag, "
        "Entscheidung); nach drei Monaten ist sie erledigt oder überholt."
    ),
)
MAIL = Retention(
    "LOTSE_RETENTION_MAIL_DAYS",
    90,
    _l("nach dem Erstellen der E-Mail"),
    _l(
        "Der Postausgang dient dem Nachweis der Zustellung und der Fehlersuche; "
        "drei Monate reichen für Rückfragen zu einer E-Mail."
    ),
)


def purge_notifications(cutoff) -> int:
    """Delete notifications older than the cutoff, read or not."""
    return db.session.execute(
        delete(Notification)
        .where(Notification.created_at < cutoff)
        .execution_options(synchronize_session=False)
    ).rowcount


def erase_notifications(person, delete_contributions: bool) -> list:
    """Delete all of the person's notifications."""
    count = db.session.execute(
        delete(Notification)
        .where(Notification.user_id == person.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    return [(_l("Benachrichtigungen gelöscht"), count)]


def purge_mail(cutoff) -> int:
    """Delete mails (sent or undeliverable) created before the cutoff."""
    return db.session.execute(
        delete(OutgoingMail)
        .where(OutgoingMail.created_at < cutoff)
        .execution_options(synchronize_session=False)
    ).rowcount


def erase_mail(person, delete_contributions: bool) -> list:
    """Delete every mail to the person, also those not sent yet."""
    count = db.session.execute(
        delete(OutgoingMail)
        .where(func.lower(OutgoingMail.to_address) == person.email.lower())
        .execution_options(synchronize_session=False)
    ).rowcount
    return [(_l("E-Mails im Postausgang gelöscht"), count)]


CATEGORIES = (
    DataCategory(
        "notifications",
        _l("Benachrichtigungen in Lotse (Text, Link, gelesen am)"),
        _l("Hinweis auf Antworten, Änderungen und Aufgaben"),
        _l("Nur die Person selbst"),
        NOTIFICATIONS,
        PUBLIC_TASK,
        purge=purge_notifications,
        erase=erase_notifications,
    ),
    DataCategory(
        "mail",
        _l("Versendete E-Mails (Adresse, Betreff, Text, Zustellstatus)"),
        _l("Benachrichtigung per E-Mail, Zustellnachweis und Fehlersuche"),
        _l("Die Person selbst; Betrieb (Mailserver)"),
        MAIL,
        PUBLIC_TASK,
        purge=purge_mail,
        erase=erase_mail,
    ),
)
