"""Changes the administration makes to people: an account and its roles in one step."""

from __future__ import annotations

from intranet.auth import services as accounts
from intranet.auth.models import User


def create_person(
    actor: User,
    email: str,
    name: str,
    unit_id: int,
    locale: str,
    password: str | None,
    roles: set[tuple[str, int | None]],
) -> User:
    """Create an account with exactly these roles; audited."""
    user = accounts.create_user(actor, email, name, unit_id, locale, password)
    accounts.set_roles(actor, user, roles)
    return user


def update_person(
    actor: User,
    user: User,
    email: str,
    name: str,
    unit_id: int,
    locale: str,
    roles: set[tuple[str, int | None]],
    password: str | None = None,
) -> User:
    """Change an account, its roles and – when given – its password; audited."""
    accounts.update_user(actor, user, email, name, unit_id, locale)
    accounts.set_roles(actor, user, roles)
    if password:
        accounts.set_password(user, password, actor=actor)
    return user
