"""Accounts and role assignments."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet import clock
from intranet.db_types import UTCDateTime
from intranet.extensions import db
from intranet.org.models import OrgUnit

ROLES = ("guide", "leadership", "admin")
SCOPED_ROLES = ("guide", "leadership")
EMAIL_PREFERENCES = ("immediately", "digest", "off")


def new_session_nonce() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="de")
    is_active_account: Mapped[bool] = mapped_column("is_active", default=True)
    # Rotated on logout, password change and deactivation: every session and
    # remember-me cookie carrying the old value stops working at once.
    session_nonce: Mapped[str] = mapped_column(String(32), default=new_session_nonce)
    email_preference: Mapped[str] = mapped_column(String(12), default="immediately")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Retention (intranet/privacy): the account is erased a set time after deactivation;
    # an erased account stays as "ehemalige Mitarbeiterin / ehemaliger Mitarbeiter".
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[OrgUnit] = relationship()
    role_assignments: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.is_active_account

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"

    def revoke_sessions(self) -> None:
        self.session_nonce = new_session_nonce()

    @property
    def roles(self) -> set[str]:
        return {"staff"} | {assignment.role for assignment in self.role_assignments}

    def scope_unit_ids(self, role: str) -> set[int]:
        """Units a scoped role (guide, leadership) is assigned to, not their subtrees."""
        return {a.unit_id for a in self.role_assignments if a.role == role and a.unit_id}

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RoleAssignment(db.Model):
    """A role beyond `staff`; guide and leadership are scoped to a unit (and its subtree)."""

    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("user_id", "role", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    user: Mapped[User] = relationship(back_populates="role_assignments")
    unit: Mapped[OrgUnit | None] = relationship()
