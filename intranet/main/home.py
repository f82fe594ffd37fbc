"""The home page ("Start") is assembled from the panels that features declare.

A panel is a function `(user) -> dict | None` plus a partial template; it returns
None when it has nothing to show. Each panel must load its data in a fixed number
of queries. Features declare their panels in their `feature.py`.
"""

from __future__ import annotations

from datetime import date

from intranet import features
from intranet.features import NavEntry, Panel, Todo


class PanelContext(dict):
    """A panel's data; `ctx.items` in a template means the key "items", not dict.items."""

    def __getattribute__(self, name):
        if not name.startswith("__") and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return super().__getattribute__(name)


def load_todos(user, limit: int = 8) -> list[tuple[NavEntry | None, Todo]]:
    """Every feature's to-dos, those with the nearest due date first, then in feature order."""
    items = [(feature.nav, todo) for feature, source in features.todo_sources() for todo in source(user)]
    items.sort(key=lambda item: (item[1].due is None, item[1].due or date.min))
    return items[:limit]


def load_panels(user) -> list[tuple[Panel, PanelContext]]:
    loaded = []
    for panel in features.panels():
        context = panel.loader(user)
        if context is not None:
            loaded.append((panel, PanelContext(context)))
    return loaded
