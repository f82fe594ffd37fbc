"""The org tree: loaded once per request into memory, and the rules for changing it.

Administrations have a few hundred units at most, so one query for all units plus
in-memory walks keeps every page at a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intranet.audit.services import record
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.org.models import OrgUnit

MAX_DEPTH = 12


class OrgError(DomainError):
    """A rule of the org tree was broken; the message is shown to the user."""


@dataclass(frozen=True)
class UnitNode:
    """A read-only snapshot of one unit; load the OrgUnit itself to change it."""

    id: int
    name: str
    kind: str
    parent_id: int | None
    is_active: bool


@dataclass
class OrgTree:
    units: dict[int, UnitNode]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> OrgTree:
        # Plain column rows, not ORM entities: every page needs the tree, and hydrating
        # a few hundred entities per request costs more than the page itself.
        rows = db.session.execute(
            select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.parent_id, OrgUnit.is_active).order_by(
                OrgUnit.name
            )
        ).all()
        units = [UnitNode(*row) for row in rows]
        tree = cls(units={unit.id: unit for unit in units})
        for unit in units:
            tree.children.setdefault(unit.parent_id, []).append(unit.id)
        return tree

    def get(self, unit_id: int | None) -> UnitNode | None:
        return self.units.get(unit_id) if unit_id is not None else None

    def roots(self, active_only: bool = False) -> list[UnitNode]:
        return self.children_of(None, active_only)

    def children_of(self, unit_id: int | None, active_only: bool = False) -> list[UnitNode]:
        units = [self.units[i] for i in self.children.get(unit_id, [])]
        return [u for u in units if u.is_active] if active_only else units

    def ancestors(self, unit_id: int, include_self: bool = True) -> list[UnitNode]:
        """From the unit up to the root (the unit first)."""
        chain: list[UnitNode] = []
        current = self.units.get(unit_id)
        if current is not None and not include_self:
            current = self.units.get(current.parent_id)
        while current is not None and len(chain) <= MAX_DEPTH * 4:
            chain.append(current)
            current = self.units.get(current.parent_id)
        return chain

    def descendant_ids(self, unit_id: int, include_self: bool = True) -> set[int]:
        result = {unit_id} if include_self else set()
        stack = list(self.children.get(unit_id, []))
        while stack:
            current = stack.pop()
            if current not in result:
                result.add(current)
                stack.extend(self.children.get(current, []))
        return result

    def subtree_ids(self, unit_ids) -> set[int]:
        result: set[int] = set()
        for unit_id in unit_ids:
            result |= self.descendant_ids(unit_id)
        return result

    def is_within(self, unit_id: int, ancestor_ids) -> bool:
        """True if unit_id is one of ancestor_ids or lies below one of them."""
        ancestor_ids = set(ancestor_ids)
        return any(unit.id in ancestor_ids for unit in self.ancestors(unit_id))

    def path(self, unit_id: int, separator: str = "/") -> str:
        return separator.join(unit.name for unit in reversed(self.ancestors(unit_id)))

    def depth(self, unit_id: int) -> int:
        return len(self.ancestors(unit_id)) - 1

    def walk(self, active_only: bool = False):
        """Depth-first (unit, depth) pairs in display order."""

        def visit(unit_id, depth):
            for unit in self.children_of(unit_id, active_only):
                yield unit, depth
                yield from visit(unit.id, depth + 1)

        yield from visit(None, 0)

    def choices(self, active_only: bool = True) -> list[tuple[int, str]]:
        """Select-box choices, indented by depth."""
        return [(unit.id, "\u2003" * depth + unit.name) for unit, depth in self.walk(active_only)]

    def find_by_path(self, path_names: list[str]) -> UnitNode | None:
        parent_id = None
        unit = None
        for name in path_names:
            unit = next(
                (
                    self.units[i]
                    for i in self.children.get(parent_id, [])
                    if self.units[i].name.casefold() == name.casefold()
                ),
                None,
            )
            if unit is None:
                return None
            parent_id = unit.id
        return unit


def org_tree() -> OrgTree:
    """The tree for this request (one query), reloaded after changes."""
    if not has_app_context():
        return OrgTree.load()
    if "_org_tree" not in g:
        g._org_tree = OrgTree.load()
    return g._org_tree


def invalidate_tree() -> None:
    if has_app_context():
        g.pop("_org_tree", None)


def create_unit(actor, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    """Create a unit below `parent` (or a new root). Audited."""
    name = _clean_name(name)
    _ensure_unique_sibling(name, parent.id if parent else None)
    if parent is not None and not parent.is_active:
        raise OrgError(
            _l("Unter einer deaktivierten Einheit können keine Einheiten angelegt werden."), "parent_id"
        )
    unit = OrgUnit(name=name, kind=kind, parent=parent)
    db.session.add(unit)
    db.session.flush()
    invalidate_tree()
    record(actor, "unit_created", unit, summary=unit.name)
    return unit


def update_unit(actor, unit: OrgUnit, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    """Rename and/or move a unit; moving below itself or its own sub-units is refused. Audited."""
    name = _clean_name(name)
    new_parent_id = parent.id if parent else None
    if new_parent_id is not None:
        if new_parent_id in org_tree().descendant_ids(unit.id):
            raise OrgError(
                _l(
                    "Eine Einheit kann nicht unter sich selbst oder eine ihrer "
                    "Untereinheiten verschoben werden."
                ),
                "parent_id",
            )
        if not parent.is_active:
            raise OrgError(_l("Ziel-Einheit ist deaktiviert."), "parent_id")
    if name != unit.name or new_parent_id != unit.parent_id:
        _ensure_unique_sibling(name, new_parent_id, exclude_id=unit.id)
    unit.name, unit.kind, unit.parent_id = name, kind, new_parent_id
    db.session.flush()
    invalidate_tree()
    record(actor, "unit_updated", unit, summary=unit.name)
    return unit


def deactivate_unit(actor, unit: OrgUnit) -> None:
    """Deactivate an empty unit; its history stays. Audited."""
    from intranet.auth.models import User

    if any(child.is_active for child in org_tree().children_of(unit.id)):
        raise OrgError(_l("Bitte zuerst die aktiven Untereinheiten deaktivieren oder verschieben."))
    members = db.session.scalar(
        select(func.count(User.id)).where(User.unit_id == unit.id, User.is_active_account.is_(True))
    )
    if members:
        raise OrgError(
            _l(
                "Der Einheit sind noch %(count)d aktive Personen zugeordnet. Bitte "
                "ordnen Sie sie zuerst einer anderen Einheit zu.",
                count=members,
            )
        )
    unit.is_active = False
    invalidate_tree()
    record(actor, "unit_deactivated", unit, summary=unit.name)


def reactivate_unit(actor, unit: OrgUnit) -> None:
    """Make a deactivated unit active again (its parent must be active). Audited."""
    parent = unit.parent
    if parent is not None and not parent.is_active:
        raise OrgError(_l("Die übergeordnete Einheit ist deaktiviert."))
    unit.is_active = True
    invalidate_tree()
    record(actor, "unit_reactivated", unit, summary=unit.name)


def member_counts() -> dict[int, int]:
    """Active members per unit (own members only, not the subtree)."""
    from intranet.auth.models import User

    rows = db.session.execute(
        select(User.unit_id, func.count(User.id))
        .where(User.is_active_account.is_(True))
        .group_by(User.unit_id)
    ).all()
    return dict(rows)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise OrgError(_l("Bitte geben Sie einen Namen ein."), "name")
    if "/" in name:
        raise OrgError(_l("Der Name darf keinen Schrägstrich „/“ enthalten."), "name")
    if len(name) > 120:
        raise OrgError(_l("Der Name darf höchstens 120 Zeichen lang sein."), "name")
    return name


def _ensure_unique_sibling(name: str, parent_id: int | None, exclude_id: int | None = None):
    for sibling in org_tree().children_of(parent_id):
        if sibling.id != exclude_id and sibling.name.casefold() == name.casefold():
            raise OrgError(_l("Auf dieser Ebene gibt es schon eine Einheit mit diesem Namen."), "name")
