"""The home page ("Start") is assembled from panels that features contribute.

A panel is a function `(user) -> dict | None` plus a partial template; it returns
None when it has nothing to show. Each panel must load its data in a fixed number
of queries. Features add themselves to PANELS.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    loader: str  # "module:function"
    template: str

    def load(self, user):
        module_name, func_name = self.loader.split(":")
        return getattr(importlib.import_module(module_name), func_name)(user)


PANELS: list[Panel] = [
    Panel("guides", "intranet.guides.panels:home_panel", "guides/partials/_home_panel.html"),
    Panel("notifications", "intranet.notify.panels:home_panel", "notify/partials/_home_panel.html"),
    Panel("training", "intranet.training.panels:home_panel", "training/partials/_home_panel.html"),
    Panel("pilots", "intranet.pilots.panels:home_panel", "pilots/partials/_home_panel.html"),
    Panel("feedback", "intranet.feedback.panels:home_panel", "feedback/partials/_home_panel.html"),
    Panel("decisions", "intranet.decisions.panels:home_panel", "decisions/partials/_home_panel.html"),
]


class PanelContext(dict):
    """A panel's data; `ctx.items` in a template means the key "items", not dict.items."""

    def __getattribute__(self, name):
        if not name.startswith("__") and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return super().__getattribute__(name)


def load_panels(user) -> list[tuple[Panel, PanelContext]]:
    loaded = []
    for panel in PANELS:
        context = panel.load(user)
        if context is not None:
            loaded.append((panel, PanelContext(context)))
    return loaded
