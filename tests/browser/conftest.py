"""Browser tests: the system Chromium driven by Playwright against a live Lotse, axe on every page."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from intranet import create_app
from intranet.extensions import db
from tests.conftest import TEST_CONFIG
from tests.factories import PASSWORD

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


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(database_url):
    """Lotse served on 127.0.0.1 (random port) with CSRF on, like production."""
    live_app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True})
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with live_app.app_context():
        db.engine.dispose()


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


def login(page, user, password: str = PASSWORD):
    page.goto("/konto/anmelden")
    page.fill("#email", user.email)
    page.fill("#password", password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(lambda url: "/konto/anmelden" not in url)


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
