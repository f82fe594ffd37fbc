"""Personal data of accounts: the account itself, sign-in records and the audit log.

The audit log is append-only for the application (`audit/models.py` refuses ORM updates and
deletes); only these functions, run by the `purge` job and the erasure of a person, change it,
with bulk statements that say exactly which rows.
"""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, or_, select, update

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.extensions import db
from intranet.features import DataCategory, Retention
from intranet.privacy import retention

FORMER_STAFF = "ehemalige Mitarbeiterin / ehemaliger Mitarbeiter"
# Audit actions that record a sign-in or its attempt (kept shorter than the rest of the log).
LOGIN_ACTIONS = ("login", "logout", "login_failed", "password_reset_requested", "password_reset")
PUBLIC_TASK = _l("Art. 6 Abs. 1 lit. e DSGVO i. V. m. dem Landesdatenschutzgesetz; § 26 BDSG (Beschäftigte)")

LOGIN = Retention(
    "LOTSE_RETENTION_LOGIN_DAYS",
    90,
    _l("nach der Anmeldung"),
    _l(
        "Anmeldungen mit IP-Adresse dienen nur dazu, Missbrauch zu erkennen und aufzuklären; "
        "dafür genügen drei Monate. Länger bräuchte einen konkreten Anlass."
    ),
)
AUDIT = Retention(
    "LOTSE_RETENTION_AUDIT_DAYS",
    365,
    _l("nach dem Eintrag"),
    _l(
        "Wer wann Rollen, Personen, Inhalte oder Moderation geändert hat, muss bis zur nächsten "
        "jährlichen Prüfung nachvollziehbar sein; danach nicht mehr."
    ),
)


def _person_entries(person: User):
    return or_(
        AuditEntry.actor_id == person.id,
        and_(AuditEntry.object_type == "User", AuditEntry.object_id == person.id),
    )


def purge_logins(cutoff) -> int:
    """Delete sign-in records older than the cutoff."""
    return db.session.execute(
        delete(AuditEntry)
        .where(AuditEntry.action.in_(LOGIN_ACTIONS), AuditEntry.created_at < cutoff)
        .execution_options(synchronize_session=False)
    ).rowcount


def erase_logins(person: User, delete_contributions: bool) -> list:
    """Delete the person's sign-in records."""
    count = db.session.execute(
        delete(AuditEntry)
        .where(AuditEntry.action.in_(LOGIN_ACTIONS), _person_entries(person))
        .execution_options(synchronize_session=False)
    ).rowcount
    return [(_l("Anmeldungen (Zeit, IP-Adresse) gelöscht"), count)]


def purge_audit(cutoff) -> int:
    """Delete audit entries older than the cutoff."""
    return db.session.execute(
        delete(AuditEntry).where(AuditEntry.created_at < cutoff).execution_options(synchronize_session=False)
    ).rowcount


def erase_audit(person: User, delete_contributions: bool) -> list:
    """Keep what was done, remove who did it and to whom: no actor, object, IP, summary or
    details that name the person."""
    names = [text for text in (person.name, person.email) if text]
    mentions = [AuditEntry.summary.contains(text, autoescape=True) for text in names]
    ids = db.session.scalars(select(AuditEntry.id).where(or_(_person_entries(person), *mentions))).all()
    for chunk in range(0, len(ids), 500):
        db.session.execute(
            update(AuditEntry)
            .where(AuditEntry.id.in_(ids[chunk : chunk + 500]))
            .values(actor_id=None, ip_address=None, summary="", details=None)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        update(AuditEntry)
        .where(AuditEntry.object_type == "User", AuditEntry.object_id == person.id)
        .values(object_type=None, object_id=None)
        .execution_options(synchronize_session=False)
    )
    return [(_l("Protokolleinträge: Name, IP-Adresse und Angaben entfernt (die Handlung bleibt)"), len(ids))]


def erase_account(person: User, delete_contributions: bool) -> list:
    """Turn the account into "ehemalige Mitarbeiterin / ehemaliger Mitarbeiter".

    The row stays so that public content and statistics keep a valid reference; its unit stays
    for the per-unit figures (which show no group below k). Everything else about the person goes.
    """
    now = clock.now()
    person.name = FORMER_STAFF
    person.email = f"geloescht-{secrets.token_hex(12)}@geloescht.invalid"
    person.password_hash = None
    person.is_active_account = False
    person.revoke_sessions()
    person.locale = "de"
    person.email_preference = "off"
    person.created_at = now
    person.last_login_at = None
    person.last_digest_at = None
    person.deactivated_at = person.deactivated_at or now
    person.erased_at = now
    roles = len(person.role_assignments)
    person.role_assignments.clear()
    db.session.flush()
    return [
        (_l("Konto: Name, E-Mail-Adresse, Passwort, Sprache und Anmeldezeiten gelöscht"), 1),
        (_l("Rollen entzogen"), roles),
    ]


def inactive_accounts(cutoff) -> list[User]:
    """Accounts deactivated before the cutoff and not yet erased."""
    return list(
        db.session.scalars(
            select(User).where(
                User.is_active_account.is_(False),
                User.erased_at.is_(None),
                User.deactivated_at.is_not(None),
                User.deactivated_at < cutoff,
            )
        )
    )


def purge_accounts(cutoff) -> int:
    """Erase every account that has been inactive for longer than its retention period."""
    from intranet.privacy import erasure

    erased = 0
    for person in inactive_accounts(cutoff):
        try:
            erasure.erase_person(None, person, delete_contributions=False)
        except erasure.ErasureError:  # the last admin: kept until someone else administers
            continue
        erased += 1
    return erased


CATEGORIES = (
    DataCategory(
        "account",
        _l("Konto: Name, E-Mail-Adresse, Organisationseinheit, Rollen, Sprache, Passwort-Hash"),
        _l("Anmeldung, Zuständigkeiten und Berechtigungen in Lotse"),
        _l("Administration; Name, Einheit und Rollen sehen alle Beschäftigten"),
        retention.ACCOUNT,
        PUBLIC_TASK,
        purge=purge_accounts,
        erase=erase_account,
    ),
    DataCategory(
        "logins",
        _l("Anmeldeprotokoll: Zeit und IP-Adresse jeder An- und Abmeldung"),
        _l("Missbrauch erkennen und aufklären (Datensicherheit, Art. 32 DSGVO)"),
        _l("Administration"),
        LOGIN,
        _l("Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 32 DSGVO"),
        purge=purge_logins,
        erase=erase_logins,
    ),
    DataCategory(
        "audit",
        _l("Protokoll der Verwaltungs-, Leitungs- und Moderationshandlungen"),
        _l("Nachvollziehbarkeit von Änderungen an Rechten, Personen, Inhalten und Moderation"),
        _l("Administration"),
        AUDIT,
        _l("Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 5 Abs. 2 DSGVO"),
        purge=purge_audit,
        erase=erase_audit,
    ),
)
