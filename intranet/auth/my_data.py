"""„Meine Daten“ for the account: profile, roles, and the security and administration log."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from intranet.auth import queries
from intranet.main.my_data import MyDataSection
from intranet.main.my_data import when as _when
from intranet.org.services import org_tree


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


def audit_section(user) -> MyDataSection:
    entries = queries.audit_entries_about(user)
    return MyDataSection(
        _l("Protokoll (Sicherheit und Verwaltung)"),
        _l("Administration."),
        [
            {
                str(_l("Zeit")): _when(e.created_at),
                str(_l("Aktion")): e.action,
                str(_l("IP-Adresse")): e.ip_address or "",
            }
            for e in entries
        ],
    )
