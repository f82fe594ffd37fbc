"""Every read of the administration area: people, topics, the audit log."""

from __future__ import annotations

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from intranet.audit.models import AuditEntry
from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.topics.models import Topic

FILTERABLE_ROLES = ("guide", "leadership", "admin")


def get_user_or_404(user_id: int) -> User:
    user = db.session.scalar(
        select(User).options(selectinload(User.role_assignments)).where(User.id == user_id)
    )
    if user is None:
        abort(404)
    return user


def user_list(search: str | None = None, role: str | None = None, status: str | None = "active"):
    """People by name, optionally filtered by a search term (name or e-mail), a role and the
    account status ("active", "inactive" or "all")."""
    query = select(User).options(selectinload(User.role_assignments)).order_by(User.name, User.id)
    if search and search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(db.func.lower(User.name).like(pattern), User.email.like(pattern)))
    if role in FILTERABLE_ROLES:
        query = query.where(User.id.in_(select(RoleAssignment.user_id).where(RoleAssignment.role == role)))
    if status != "all":
        query = query.where(User.is_active_account.is_(status != "inactive"))
    return query


def stream_users(search: str | None = None, role: str | None = None, status: str | None = "active"):
    """The person list's rows for an export, fetched in batches (constant memory)."""
    return db.session.scalars(user_list(search, role, status).execution_options(yield_per=500))


def audit_entries(action: str | None = None):
    """The audit log, newest first, optionally only one action."""
    query = (
        select(AuditEntry)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    if action and action.strip():
        query = query.where(AuditEntry.action == action.strip())
    return query


def all_topics() -> list[Topic]:
    """Every topic, the active ones first."""
    return list(db.session.scalars(select(Topic).order_by(Topic.is_active.desc(), Topic.name)))


def get_topic_or_404(topic_id: int) -> Topic:
    return db.get_or_404(Topic, topic_id)
