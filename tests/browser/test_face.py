"""Issue 17 – the face: header on desktop and phone, identity (logo, favicon, manifest, icons), screenshots.

Screenshots go to test-artifacts/ (git-ignored) so a person can look at them.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
ROLES = ("staff", "guide", "leader", "admin")


@pytest.fixture
def tab(browser, app, live_server):
    """A German browser tab of a given size: `tab(viewport, javascript=True)`."""
    contexts = []

    def open_tab(viewport, javascript=True):
        context = browser.new_context(
            locale="de-DE", viewport=viewport, base_url=live_server, java_script_enabled=javascript
        )
        context.set_default_timeout(10000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
        return page

    yield open_tab
    for context in contexts:
        context.close()


def header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def shoot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@pytest.mark.parametrize("role", ROLES)
def test_desktop_header_is_one_row_for_every_role(tab, org, role):
    page = tab(DESKTOP)
    login(page, org[role])
    page.goto("/")
    nav = page.locator(".main-nav-wide")
    assert nav.is_visible()
    tops = nav.locator("a").evaluate_all("links => links.map(a => Math.round(a.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, f"Navigation bricht um: {tops}"
    tools = page.locator(".header-tools").bounding_box()
    brand = page.locator(".brand").bounding_box()
    nav_box = nav.bounding_box()
    # brand, navigation and the tools sit side by side without overlapping
    assert brand["x"] + brand["width"] <= nav_box["x"] and nav_box["x"] + nav_box["width"] <= tools["x"]
    assert header_height(page) <= 72
    assert overflow(page) == 0
    assert not page.locator(".nav-menu").is_visible()


@pytest.mark.parametrize("role", ("staff", "admin"))
def test_phone_header_is_short_with_menu_button_and_one_tap_to_notifications(tab, org, role):
    page = tab(PHONE)
    login(page, org[role])
    page.goto("/")
    assert header_height(page) <= 120
    assert not page.locator(".main-nav-wide").is_visible()
    # notifications and the person's menu are one tap away, without opening the menu
    assert page.get_by_role("link", name="Benachrichtigungen", exact=True).is_visible()
    person = page.locator(".person-menu > summary")
    assert person.is_visible()
    person.click()
    assert page.get_by_role("button", name="Abmelden").is_visible()
    assert_accessible(page, "Telefon, Personenmenü offen")
    menu = page.locator(".nav-menu > summary")
    assert menu.inner_text().strip() == "Menü"
    menu.click()
    assert not page.get_by_role("button", name="Abmelden").is_visible()  # opening one closes the other
    assert page.get_by_role("link", name="Lernpfade", exact=True).is_visible()
    assert_accessible(page, "Telefon, Menü offen")
    page.keyboard.press("Escape")
    assert not page.get_by_role("link", name="Lernpfade", exact=True).is_visible()
    assert_accessible(page, "Telefon, Menü zu")
    assert_no_csp_errors(page)


def test_phone_menu_works_without_javascript(tab, org):
    page = tab(PHONE, javascript=False)
    login(page, org.admin)
    page.goto("/")
    assert not page.get_by_role("link", name="Verwaltung").is_visible()
    page.locator(".nav-menu > summary").click()
    page.get_by_role("link", name="Verwaltung").click()
    page.wait_for_url(lambda url: "/verwaltung" in url)
    assert page.locator(".nav-menu [aria-current=page]").text_content().strip() == "Verwaltung"


@pytest.mark.parametrize("role", ("staff", "admin"))
def test_no_horizontal_overflow_at_320_px(tab, org, role):
    page = tab({"width": 320, "height": 640})
    login(page, org[role])
    for path in ("/", "/konto/profil"):
        page.goto(path)
        assert overflow(page) == 0, path
        page.locator(".nav-menu > summary").click()
        assert overflow(page) == 0, path
    page.goto("/konto/anmelden")


def test_desktop_menus_are_accessible_open_and_closed(tab, org):
    page = tab(DESKTOP)
    login(page, org.guide)
    page.goto("/")
    assert_accessible(page, "Desktop, Menü zu")
    page.locator(".person-menu > summary").click()
    assert page.get_by_role("link", name="Mein Konto").is_visible()
    assert_accessible(page, "Desktop, Personenmenü offen")
    page.mouse.click(600, 500)  # a click elsewhere closes it
    assert not page.get_by_role("link", name="Mein Konto").is_visible()


def test_identity_logo_favicon_manifest_and_icons(tab, org, live_server):
    page = tab(DESKTOP)
    login(page, org.staff)
    page.goto("/")
    logo = page.locator(".brand svg.brand-logo use")
    assert logo.evaluate("use => use.getBBox().width > 0")  # the logo's shapes were loaded and drawn
    assert page.locator(".brand").get_attribute("href") == "/"
    for url in ("/favicon.ico", "/manifest.webmanifest", "/static/vendor/lucide/sprite.svg"):
        assert page.request.get(url).status == 200, url
    manifest = page.request.get(page.locator("link[rel=manifest]").get_attribute("href")).json()
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).status == 200, icon
    # every icon the page uses is a symbol of the sprite, and is drawn (non-zero size)
    sprite = page.request.get("/static/vendor/lucide/sprite.svg").text()
    used = page.locator("svg.icon use").evaluate_all(
        "uses => uses.map(u => u.getAttribute('href').split('#')[1])"
    )
    assert used and all(f'id="{name}"' in sprite for name in used)
    assert not [m for m in page.console_errors if "404" in m]


@pytest.mark.parametrize("role", ("staff", "leader"))
def test_screenshots_of_home(tab, org, role):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = tab(viewport)
        login(page, org[role])
        page.goto("/")
        shoot(page, f"home-{role}-{name}")
        if name == "phone":
            assert header_height(page) <= 120


def test_report_table_headers_do_not_break_inside_words_on_a_phone(tab, org):
    """Issue 17: "Angem/eldet", "Abgeschl/ossen": headers keep whole words; the table scrolls in its box."""
    from intranet.extensions import db
    from intranet.training import learning
    from tests.training.conftest import PathBuilder

    path = PathBuilder().path(kinds=("read", "read"))
    for index, person in enumerate(org.crowd(6, "sg321", prefix="Beschäftigte")):
        enrolment = learning.enrol(person, path)
        if index < 2:
            learning.complete_step(person, enrolment, path.steps[0])
    db.session.commit()
    page = tab(PHONE)
    login(page, org.leader)
    page.goto(f"/lernpfade/bericht?path={path.id}")
    broken = page.evaluate(
        """() => [...document.querySelectorAll('th')].filter(th => {
            const text = th.textContent.trim();
            if (!text || /\\s/.test(text)) return false;
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return lines.size > 1 && !getComputedStyle(th).hyphens.includes('auto');
        }).map(th => th.textContent.trim())"""
    )
    assert not broken, broken
    words = page.evaluate(
        """() => [...document.querySelectorAll('thead th')].map(th => [th.textContent.trim(),
             th.scrollWidth <= th.clientWidth + 1])"""
    )
    assert all(fits for _text, fits in words), words
    assert overflow(page) == 0  # the table scrolls inside .table-wrap, not the page
    shoot(page, "training-report-leader-phone")
    assert_accessible(page, "Bericht auf dem Telefon")


def test_print_shows_content_without_navigation_and_links_with_addresses(tab, org):
    """Issue 17: pages print cleanly – no header, menus or forms; links followed by their address."""
    page = tab(DESKTOP)
    login(page, org.leader)
    page.goto("/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    link = page.locator(".panel a[href^='/']").first
    assert link.is_visible()
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


@pytest.mark.parametrize("role", ("staff", "leader"))
def test_screenshots_of_every_pillar_index(tab, org, role):
    """Issue 17: each pillar's index at desktop and phone size – header short, no overflow, axe clean."""
    from intranet import features

    tones = [(f.name, f.nav.tone) for f in features.pillars() if f.nav]
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = tab(viewport)
        login(page, org[role])
        page.goto("/")
        hrefs = [
            (pillar, page.locator(f".main-nav-wide a.tone-{tone}").get_attribute("href"))
            for pillar, tone in tones
        ]
        for pillar, href in hrefs:
            page.goto(href)
            assert overflow(page) == 0, (pillar, name)
            if name == "phone":
                assert header_height(page) <= 120, pillar
            shoot(page, f"{pillar}-{role}-{name}")
        assert_accessible(page, f"{name}, letzte Säule")
