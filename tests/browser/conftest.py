"""Browser tests: the system Chromium driven by Playwright against a live Lotse, axe on every page."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from intranet import create_app
from intranet.extensions import db
from tests.conftest import DATABASES, TEST_CONFIG

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Markdown/HTML that must never run script or htmx when rendered from user content.
XSS_CORPUS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    "[klick](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1">x</a>',
    '<svg onload="window.__xss=1"></svg>',
    '<div hx-get="/konto/abmelden" hx-trigger="load">htmx</div>',
    '<div data-hx-get="/konto/abmelden" data-hx-trigger="load">htmx</div>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '![bild](x" onerror="window.__xss=1)',
    '<details open ontoggle="window.__xss=1">',
    "`<script>window.__xss=1</script>`",
]


def pytest_collection_modifyitems(config, items):
    """Browser tests are marked `browser` and run on SQLite only: what they check is the page in a
    real browser (axe, keyboard, htmx, CSP); that every route behaves alike on PostgreSQL is
    proven by the view and permission tests, which run on both databases."""
    kept, dropped = [], []
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            callspec = getattr(item, "callspec", None)
            if (
                callspec is not None
                and callspec.params.get("database_url") != "sqlite"
                and "sqlite" in DATABASES
            ):
                dropped.append(item)
                continue
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def live_app(database_url):
    """The Lotse app behind the live server, with CSRF on, like production."""
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True})
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """Lotse served on 127.0.0.1 (random port)."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    _LIVE.update(app=live_app, url=url)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app, live_server):
    """A fresh browser tab (German, desktop size); `app` empties the database afterwards."""
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}, base_url=live_server
    )
    context.set_default_timeout(10000)
    tab = context.new_page()
    console_errors: list[str] = []
    tab.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = console_errors
    yield tab
    context.close()


_LIVE: dict = {}  # the live server's app and URL, for `login`


def login(page, user):
    """Sign the tab in by giving its browser context the session cookie a sign-in would set
    (Playwright storage state), without loading the sign-in form each time; the form itself
    is tested in test_foundation_pages.py (keyboard-only sign-in journey)."""
    app = _LIVE["app"]
    with app.test_request_context():
        cookie = app.session_interface.get_signing_serializer(app).dumps(
            {"_user_id": user.get_id(), "_fresh": True}
        )
    page.context.add_cookies(
        [{"name": app.config["SESSION_COOKIE_NAME"], "value": cookie, "url": _LIVE["url"]}]
    )


def assert_accessible(page, context: str = ""):
    """axe-core (WCAG 2.1 A/AA) finds no violations on the current page state."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} → "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-Verstöße {context} auf {page.url}:\n{details}"


def assert_no_csp_errors(page):
    csp = [m for m in page.console_errors if "Content Security Policy" in m or "CSP" in m]
    assert not csp, f"CSP-Verstöße: {csp}"
