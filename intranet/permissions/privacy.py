"""Who may see the retention settings and the Art. 30 record, and erase a person: the admins."""

from __future__ import annotations

from intranet.permissions import is_admin


def can_manage_privacy(user) -> bool:
    return is_admin(user)


def can_erase_person(user, person) -> bool:
    """Admins erase others; the rules that may still refuse it (last admin, twice) are in the service."""
    return is_admin(user)
