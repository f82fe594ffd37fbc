"""Every authorization rule of Lotse, used by views (`require`) and templates alike.

Rules are plain predicates taking the acting user first. Features add their rules
in a module of this package (e.g. `permissions/guides.py`); every module here is
loaded into this namespace, so there is one place to read who may do what.
"""

from __future__ import annotations

from flask import abort

from intranet.org.services import org_tree


def require(allowed: bool, hide: bool = False) -> None:
    """Abort with 403 – or 404 when the object's existence must not be revealed."""
    if not allowed:
        abort(404 if hide else 403)


def is_signed_in(user) -> bool:
    return bool(user) and user.is_authenticated


def has_role(user, role: str) -> bool:
    return is_signed_in(user) and role in user.roles


def is_admin(user) -> bool:
    return has_role(user, "admin")


def is_guide(user) -> bool:
    return has_role(user, "guide")


def is_leadership(user) -> bool:
    return has_role(user, "leadership")


def leads_unit(user, unit_id: int | None) -> bool:
    """Leadership scope covers the assigned unit and its whole subtree."""
    if unit_id is None or not is_leadership(user):
        return False
    return org_tree().is_within(unit_id, user.scope_unit_ids("leadership"))


def guides_unit(user, unit_id: int | None) -> bool:
    """A guide's scope covers the assigned unit and its subtree."""
    if unit_id is None or not is_guide(user):
        return False
    return org_tree().is_within(unit_id, user.scope_unit_ids("guide"))


def leadership_unit_ids(user) -> set[int]:
    """All units in the user's leadership scope (subtrees included)."""
    if not is_leadership(user):
        return set()
    return org_tree().subtree_ids(user.scope_unit_ids("leadership"))


# --- Administration -----------------------------------------------------------------


def can_manage_users(user) -> bool:
    return is_admin(user)


def can_change_account_status(user, person) -> bool:
    """Deactivate or reactivate someone's account: admins, never their own."""
    return can_manage_users(user) and person is not None and person.id != user.id


def can_manage_org(user) -> bool:
    return is_admin(user)


def can_import_staff(user) -> bool:
    return is_admin(user)


def can_view_audit_log(user) -> bool:
    return is_admin(user)


def can_view_outbox(user) -> bool:
    return is_admin(user)


def can_edit_site_pages(user) -> bool:
    return is_admin(user)


def can_manage_topics(user) -> bool:
    return is_admin(user)


def can_use_admin_area(user) -> bool:
    return can_manage_users(user) or can_manage_org(user)


# --- Feature rules -----------------------------------------------------------------
# Every module of this package (one per feature) is read in here, so `permissions.can_x`
# and the templates' `perm.can_x` reach every rule without a hand-kept list.
def _load_feature_rules() -> None:
    import importlib
    import pkgutil

    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        names = getattr(module, "__all__", None) or [
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
        ]
        for name in names:
            globals()[name] = getattr(module, name)


_load_feature_rules()
