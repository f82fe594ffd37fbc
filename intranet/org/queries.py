"""Reads of the org pages (the tree itself is `services.org_tree()`, one query per request)."""

from __future__ import annotations

from intranet.extensions import db
from intranet.org.models import OrgUnit


def get_unit_or_404(unit_id: int) -> OrgUnit:
    return db.get_or_404(OrgUnit, unit_id)


def get_unit(unit_id: int | None) -> OrgUnit | None:
    """The unit, or None for "no unit" (0 or None) and unknown ids."""
    return db.session.get(OrgUnit, unit_id) if unit_id else None
