"""Demo: someone who left long ago, old notifications and sign-ins – and one purge run, so the
admin pages show a purge that has happened (the scheduler runs it nightly in `make run`)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.extensions import db
from intranet.jobs.runner import run_with_lease
from intranet.notify.models import Notification
from intranet.privacy import purge

DEMO_LOGINS = {
    "mitarbeiterin@lotse.example",
    "lotse@lotse.example",
    "leitung@lotse.example",
    "admin@lotse.example",
}


def seed() -> str:
    """Idempotent: once the demo has an erasure in its log, it is done."""
    if db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "person_erased").limit(1)):
        return "Bereinigung schon gelaufen – übersprungen."
    staff = db.session.scalar(select(User).where(User.email == "mitarbeiterin@lotse.example"))
    leaver = db.session.scalar(
        select(User)
        .where(User.email.not_in(DEMO_LOGINS), User.is_active_account.is_(True))
        .order_by(User.id.desc())
        .limit(1)
    )
    if staff is None or leaver is None:
        return "Keine Demo-Organisation – übersprungen."
    long_ago = clock.now() - timedelta(days=800)
    leaver.is_active_account, leaver.deactivated_at = False, long_ago
    old = clock.now() - timedelta(days=120)
    for index in range(3):
        db.session.add(
            Notification(
                user_id=staff.id,
                kind="demo",
                message=f"Alte Benachrichtigung {index + 1}",
                url="/",
                created_at=old,
            )
        )
    db.session.add(
        AuditEntry(actor_id=staff.id, action="login", object_type="User", object_id=staff.id, created_at=old)
    )
    db.session.commit()
    _ran, result = run_with_lease(purge.JOB_NAME, purge.purge)
    return f"Bereinigung gelaufen: {result}"
