"""Reads of the account pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.extensions import db


def user_with_roles(user_id: int) -> User | None:
    """The account with its role assignments in one query (once per request, for the session)."""
    return (
        db.session.execute(select(User).options(joinedload(User.role_assignments)).where(User.id == user_id))
        .unique()
        .scalar_one_or_none()
    )


def audit_entries_about(user, limit: int = 500) -> list[AuditEntry]:
    """Audit entries the person caused or that concern their account, newest first."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(
                (AuditEntry.actor_id == user.id)
                | ((AuditEntry.object_type == "User") & (AuditEntry.object_id == user.id))
            )
            .order_by(AuditEntry.created_at.desc())
            .limit(limit)
        )
    )
