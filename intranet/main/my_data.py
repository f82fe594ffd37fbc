"""„Meine Daten“ (DSGVO Art. 15): everything stored about a person, and who can see it.

Each feature contributes a section: a function `(user) -> MyDataSection` listed in
SECTIONS. A section only reports data linked to the person – anonymous content is by
design not linked and therefore never appears here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.org.services import org_tree


@dataclass
class MyDataSection:
    title: object
    visible_to: object  # who besides the person can see this data
    rows: list[dict] = field(default_factory=list)


SECTIONS = [
    "intranet.main.my_data:account_section",
    "intranet.main.my_data:notification_section",
    "intranet.main.my_data:audit_section",
    "intranet.guides.my_data:section",
    "intranet.training.my_data:section",
    "intranet.pilots.my_data:section",
    "intranet.feedback.my_data:section",
    "intranet.decisions.my_data:section",
]


def _when(value) -> str:
    return format_datetime(value, "short") if value else ""


def account_section(user) -> MyDataSection:
    roles = sorted(
        f"{a.role} ({org_tree().get(a.unit_id).name})" if a.unit_id else a.role for a in user.role_assignments
    )
    return MyDataSection(
        _l("Konto"),
        _l("Administration; Name, Einheit und Rollen sehen alle Beschäftigten."),
        [
            {
                str(_l("Name")): user.name,
                str(_l("E-Mail-Adresse")): user.email,
                str(_l("Organisationseinheit")): org_tree().path(user.unit_id, " / "),
                str(_l("Rollen")): ", ".join(roles) or "–",
                str(_l("Sprache")): user.locale,
                str(_l("E-Mail-Benachrichtigungen")): user.email_preference,
                str(_l("Angelegt")): _when(user.created_at),
                str(_l("Letzte Anmeldung")): _when(user.last_login_at),
            }
        ],
    )


def notification_section(user) -> MyDataSection:
    items = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc())
        .limit(500)
    ).all()
    return MyDataSection(
        _l("Benachrichtigungen"),
        _l("Nur Sie."),
        [
            {
                str(_l("Zeit")): _when(n.created_at),
                str(_l("Text")): n.message,
                str(_l("Gelesen")): _when(n.read_at),
            }
            for n in items
        ],
    )


def audit_section(user) -> MyDataSection:
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            (AuditEntry.actor_id == user.id)
            | ((AuditEntry.object_type == "User") & (AuditEntry.object_id == user.id))
        )
        .order_by(AuditEntry.created_at.desc())
        .limit(500)
    ).all()
    return MyDataSection(
        _l("Protokoll (Sicherheit und Verwaltung)"),
        _l("Administration; Einträge werden nach der Aufbewahrungsfrist gelöscht."),
        [
            {
                str(_l("Zeit")): _when(e.created_at),
                str(_l("Aktion")): e.action,
                str(_l("IP-Adresse")): e.ip_address or "",
            }
            for e in entries
        ],
    )


def collect(user) -> list[MyDataSection]:
    sections = []
    for dotted in SECTIONS:
        module_name, func_name = dotted.split(":")
        sections.append(getattr(importlib.import_module(module_name), func_name)(user))
    return sections
