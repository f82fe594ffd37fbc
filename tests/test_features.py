"""The feature registry is complete: every pillar is declared, and declares what every pillar must have."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from intranet import features

INTRANET = Path(__file__).resolve().parent.parent / "intranet"
STATIC = INTRANET.parent / "static"


def _looks_like_a_feature(package: Path) -> bool:
    """A package with views (a blueprint) or a feature.py is a feature."""
    return (
        (package / "feature.py").exists() or (package / "views.py").exists() or (package / "views").is_dir()
    )


def test_every_feature_package_is_registered():
    packages = {p.name for p in INTRANET.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    looks = {name for name in packages if _looks_like_a_feature(INTRANET / name)}
    assert looks - set(features.FEATURES) == set(), "nicht in intranet/features.py eingetragen"
    assert set(features.FEATURES) <= looks


@pytest.mark.parametrize("name", features.FEATURES)
def test_feature_declares_itself_under_its_own_name(name):
    feature = importlib.import_module(f"intranet.{name}.feature").feature
    assert feature.name == name
    for blueprint in feature.blueprints:
        assert blueprint.name.split("_")[0] == name, "Blueprint-Name passt nicht zum Paket"


def test_every_pillar_has_what_a_pillar_must_have():
    problems = []
    for feature in features.pillars():
        name = feature.name
        if not (INTRANET / "permissions" / f"{name}.py").exists():
            problems.append(f"{name}: intranet/permissions/{name}.py fehlt")
        if not feature.my_data:
            problems.append(f"{name}: kein Abschnitt für „Meine Daten“")
        if feature.seed is None:
            problems.append(f"{name}: keine Demodaten (seed)")
        if not feature.bench:
            problems.append(f"{name}: kein Benchmark-Modul")
        else:
            module = importlib.import_module(feature.bench)
            if not (hasattr(module, "seed") and hasattr(module, "pages")):
                problems.append(f"{name}: {feature.bench} braucht seed(ctx) und pages(ctx)")
        if not feature.blueprints or feature.nav is None:
            problems.append(f"{name}: Blueprint und Navigationseintrag fehlen")
        if feature.stylesheet and not (STATIC / feature.stylesheet).exists():
            problems.append(f"{name}: static/{feature.stylesheet} fehlt")
    assert not problems, "\n".join(problems)


def test_the_registry_is_what_the_app_uses(app):
    """Blueprints, jobs, panels, navigation and stylesheets come from the registry, not from lists."""
    from intranet.scheduler import job_table

    registered = set(app.blueprints)
    declared = {bp.name for feature in features.all_features() for bp in feature.blueprints}
    assert registered == declared
    assert set(job_table()) == {job.name for f in features.all_features() for job in f.jobs}
    assert app.jinja_env.globals["nav_entries"] == features.nav_entries()
    assert app.jinja_env.globals["feature_stylesheets"] == features.stylesheets()


def test_seeders_run_after_what_they_need():
    order = [name for name, _seed in features.seeders()]
    for feature in features.all_features():
        for before in feature.seed_after:
            if feature.seed is not None and before in order:
                assert order.index(before) < order.index(feature.name)


def test_old_urls_redirect_with_method_and_query(app, client):
    """Every declared old URL answers 308 to its new home, query string kept; POSTs stay POSTs
    (308 keeps the method, so an old form or bookmark still works)."""
    adapter = app.url_map.bind("localhost")
    methods = {rule.endpoint: rule.methods for rule in app.url_map.iter_rules()}
    checked = 0
    for feature in features.all_features():
        for old_rule, endpoint in feature.legacy_paths.items():
            path = re.sub(r"<any\(([a-z_]+)[^)]*\):[a-z_]+>", r"\1", old_rule)  # first choice
            path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", "7", path)
            method = "GET" if "GET" in methods[endpoint] else "POST"
            response = client.open(path + "?x=1", method=method)
            assert response.status_code == 308, old_rule
            location = urlsplit(response.headers["Location"])
            assert location.query == "x=1"
            assert adapter.match(location.path, method=method)[0] == endpoint, old_rule
            checked += 1
    assert checked == sum(len(f.legacy_paths) for f in features.all_features())
