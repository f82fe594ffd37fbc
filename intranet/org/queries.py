"""Reads of the org pages (the tree itself is `services.org_tree()`, one query per request)."""

from __future__ import annotations

from intranet.extensions import db
from intranet.org.models import OrgUnit


def get_unit_or_404(unit_id: int) -> OrgUnit:
    return db.get_or_404(OrgUnit, unit_id)


def get_unit(unit_id: int | None) -> OrgUnit | None:
    """The unit, or None for "no unit" (0 or None) and unknown ids."""
    return db.session.get(OrgUnit, unit_id) if unit_id else None


def tree_filter(tree, text: str) -> tuple[set[int], set[int]]:
    """Units whose name contains `text` (any case) and every unit on the way down to them."""
    needle = text.casefold()
    matches = {unit.id for unit, _depth in tree.walk() if needle in unit.name.casefold()}
    shown = {ancestor.id for unit_id in matches for ancestor in tree.ancestors(unit_id)}
    return matches, shown
