"""The one ordered list of Lotse's features; each declares itself in `intranet/<name>/feature.py`.

Everything that iterates over pillars – blueprints, navigation, home panels, demo seeders,
jobs, "Meine Daten", stylesheets, link sources, the benchmark, old URLs – asks this module,
so a new pillar is one `feature.py` plus one name in FEATURES (docs/DEVELOPING.md has the
recipe). The order of FEATURES is the order people see: navigation, home panels and the
sections of "Meine Daten".

A *pillar* (`is_pillar=True`) is what staff come to Lotse for; it must bring a permissions
module, a "Meine Daten" section, a demo seeder and a benchmark module (a test checks). The
platform features (main, auth, notify, org, admin) may leave parts out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from werkzeug.utils import import_string

FEATURES = (
    "main",
    "auth",
    "guides",
    "notify",
    "training",
    "pilots",
    "feedback",
    "decisions",
    "org",
    "admin",
    "privacy",
)


def _signed_in(user) -> bool:
    return bool(user) and user.is_authenticated


@dataclass(frozen=True)
class NavEntry:
    """A main-navigation link. It is marked current on every page of its blueprint, or only
    on its own endpoint when `whole_blueprint` is False (e.g. "Start").

    `icon` names a symbol of the Lucide sprite (scripts/build_icon_sprite.py lists them) and
    `tone` one of the colour families in app.css (`.tone-<name>`: blue, teal, green, plum,
    rose, amber, slate, grey); the pillar's link, home card and page headings use both."""

    endpoint: str
    label: object
    visible: Callable = _signed_in
    whole_blueprint: bool = True
    icon: str = "house"
    tone: str = "blue"

    def is_current(self, endpoint: str | None) -> bool:
        if not endpoint:
            return False
        if not self.whole_blueprint:
            return endpoint == self.endpoint
        return endpoint.split(".", 1)[0] == self.endpoint.split(".", 1)[0]


@dataclass(frozen=True)
class Panel:
    """A home-page panel: `loader(user) -> dict | None` (None: nothing to show) and its partial.
    A loader runs a fixed number of queries, whatever the amount of data."""

    name: str
    loader: Callable
    template: str


@dataclass(frozen=True)
class Todo:
    """One line of the home page's "Zu erledigen" strip, with the one action that does it.
    A feature declares `todos=(source,)`; `source(user) -> list[Todo]` runs a fixed number of
    queries and returns at most a few items."""

    text: str
    action: str
    url: str
    due: date | None = None


@dataclass(frozen=True)
class Job:
    """A background job: a service function run by the scheduler or `flask jobs run NAME`."""

    name: str
    function: Callable
    description: str
    trigger: str  # APScheduler trigger: "interval" or "cron"
    schedule: Mapping


@dataclass(frozen=True)
class LinkSource:
    """Objects of this feature that point to another feature's object (e.g. a feedback post
    to the decision that answered it); the target's page lists them."""

    target: str  # "decision", "pilot", …
    label: object  # heading on the target's page, e.g. "Pilotprojekte"
    model: type
    column: str  # the column holding the target's id
    endpoint: str
    argument: str  # the endpoint's id argument
    hidden: str | None = None  # a boolean column: True means "do not list"


@dataclass(frozen=True)
class Retention:
    """How long a data category is kept: `setting` (environment / config, in days) after
    `after` (e.g. "nach dem Eintrag"); `reason` says why this default is right."""

    setting: str
    default_days: int
    after: object
    reason: object


@dataclass(frozen=True)
class DataCategory:
    """A category of personal data the feature stores (DSGVO Art. 30).

    The one declaration that "Meine Daten" (each period), the `purge` job and the
    Verzeichnis von Verarbeitungstätigkeiten are generated from, so they cannot disagree.
    `purge(cutoff) -> int` deletes or anonymises what is older than the retention period
    (None: it goes with the account, see `intranet/privacy/`); `erase(person,
    delete_contributions) -> [(what, count)]` removes one person's data (Art. 17).
    """

    key: str
    label: object
    purpose: object
    recipients: object
    retention: Retention
    legal_basis: object = ""
    purge: Callable | None = None
    erase: Callable | None = None


@dataclass(frozen=True)
class Feature:
    name: str
    blueprints: tuple = ()
    nav: NavEntry | None = None
    panels: tuple[Panel, ...] = ()
    todos: tuple[Callable, ...] = ()  # (user) -> list[Todo], for the home page's "Zu erledigen"
    seed: Callable[[], str] | None = None
    seed_after: tuple[str, ...] = ()  # features whose demo data this seeder uses
    jobs: tuple[Job, ...] = ()
    my_data: tuple[Callable, ...] = ()  # (user) -> MyDataSection
    stylesheet: str | None = None  # path under static/
    link_sources: tuple[LinkSource, ...] = ()
    bench: str | None = None  # dotted module with seed(ctx) and pages(ctx)
    exports: tuple = ()  # intranet.exports.declare.Export: lists served as CSV and XLSX
    # Old URL rules that redirect (308, method and query kept) to an endpoint of this feature.
    legacy_paths: Mapping[str, str] = field(default_factory=dict)
    is_pillar: bool = False
    # Personal data this feature stores: retention, purge, erasure, the Art. 30 record.
    data_categories: tuple[DataCategory, ...] = ()


@cache
def all_features() -> tuple[Feature, ...]:
    """Every feature, in the order of FEATURES (imported once per process)."""
    features = tuple(import_string(f"intranet.{name}.feature:feature") for name in FEATURES)
    for name, feature in zip(FEATURES, features, strict=True):
        if feature.name != name:
            raise RuntimeError(f"intranet/{name}/feature.py declares {feature.name!r}")
    return features


def get(name: str) -> Feature:
    return next(feature for feature in all_features() if feature.name == name)


def pillars() -> list[Feature]:
    return [feature for feature in all_features() if feature.is_pillar]


def nav_entries() -> list[NavEntry]:
    return [feature.nav for feature in all_features() if feature.nav is not None]


def nav_for_endpoint(endpoint: str | None) -> NavEntry | None:
    """The navigation entry whose blueprint serves `endpoint` (for a page's icon and colour)."""
    if not endpoint:
        return None
    blueprint = endpoint.split(".", 1)[0]
    return next((entry for entry in nav_entries() if entry.endpoint.split(".", 1)[0] == blueprint), None)


def panels() -> list[Panel]:
    return [panel for feature in all_features() for panel in feature.panels]


def todo_sources() -> list[tuple[Feature, Callable]]:
    return [(feature, source) for feature in all_features() for source in feature.todos]


def jobs() -> dict[str, Job]:
    return {job.name: job for feature in all_features() for job in feature.jobs}


def my_data_sections() -> list[Callable]:
    return [section for feature in all_features() for section in feature.my_data]


def data_categories() -> list[DataCategory]:
    return [category for feature in all_features() for category in feature.data_categories]


def stylesheets() -> list[str]:
    return [feature.stylesheet for feature in all_features() if feature.stylesheet]


def link_sources(target: str) -> list[LinkSource]:
    return [
        source for feature in all_features() for source in feature.link_sources if source.target == target
    ]


def exports() -> dict:
    """Every declared export by name (intranet/exports serves them)."""
    return {export.name: export for feature in all_features() for export in feature.exports}


def bench_modules() -> list[str]:
    return [feature.bench for feature in all_features() if feature.bench]


def seeders() -> list[tuple[str, Callable]]:
    """Demo seeders in FEATURES order, each after the features it names in `seed_after`."""
    pending = [feature for feature in all_features() if feature.seed is not None]
    known = {feature.name for feature in pending}
    done: list[Feature] = []
    while pending:
        ready = next(
            (
                feature
                for feature in pending
                if all(name in {d.name for d in done} or name not in known for name in feature.seed_after)
            ),
            None,
        )
        if ready is None:
            raise RuntimeError("seed_after forms a cycle: " + ", ".join(f.name for f in pending))
        pending.remove(ready)
        done.append(ready)
    return [(feature.name, feature.seed) for feature in done]


def register(app) -> None:
    """Register every feature's blueprints and the redirects from its old URLs."""
    for feature in all_features():
        for blueprint in feature.blueprints:
            app.register_blueprint(blueprint)
    for feature in all_features():
        for old_rule, endpoint in feature.legacy_paths.items():
            # The old rule answers the methods of its new home: a 308 keeps a POST a POST.
            methods = {method for rule in app.url_map.iter_rules(endpoint) for method in rule.methods}
            app.add_url_rule(
                old_rule,
                endpoint=f"legacy:{old_rule}",
                redirect_to=_redirect_to(endpoint),
                methods=sorted(methods - {"HEAD", "OPTIONS"}),
            )


def _redirect_to(endpoint: str):
    def target(adapter, **values) -> str:
        path = adapter.build(endpoint, values)
        return f"{path}?{adapter.query_args}" if adapter.query_args else path

    return target
