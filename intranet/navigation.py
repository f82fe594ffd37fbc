"""The main navigation: features add their entry here (endpoint, label, who sees it)."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from intranet import permissions


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    visible: Callable = permissions.is_signed_in
    section: str = ""  # URL prefix that marks the item as current


NAV_ITEMS = [
    NavItem("main.home", _l("Start"), section="/"),
    NavItem("guides.index", _l("Lotsen & Fragen"), section="/guides"),
    NavItem("training.catalogue", _l("Lernpfade"), section="/training"),
    NavItem("pilots.index", _l("Pilotprojekte"), section="/pilots"),
    NavItem("feedback.board", _l("Feedback"), section="/feedback"),
    NavItem("decisions.index", _l("Entscheidungen"), section="/decisions"),
    NavItem("org.tree", _l("Organisation"), section="/org"),
    NavItem("admin.users", _l("Verwaltung"), permissions.can_use_admin_area, section="/admin"),
]


def current_section(path: str, item: NavItem) -> bool:
    if item.section == "/":
        return path == "/"
    return path.startswith(item.section)
