"""The foundation's pages in a real browser: zero axe violations, keyboard-only login."""

import io

from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login


def test_login_page_is_accessible(page):
    page.goto("/konto/anmelden")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").count() == 1
    assert_accessible(page, "Anmeldeseite")


def test_failed_login_shows_german_error_and_stays_accessible(page, factory):
    user = factory.user()
    page.goto("/konto/anmelden")
    page.fill("#email", user.email)
    page.fill("#password", "falsch")
    page.get_by_role("button", name="Anmelden").click()
    page.locator(".field-error").wait_for()
    assert "E-Mail-Adresse oder Passwort ist nicht richtig." in page.content()
    assert page.input_value("#email") == user.email
    assert page.locator("#password").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "nach Fehlversuch")


def test_keyboard_only_login_journey(page, factory):
    user = factory.user(name="Tastatur Nutzerin")
    page.goto("/konto/anmelden")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    # From the skip link target, Tab reaches the e-mail field.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    assert page.evaluate("document.activeElement.id") == "email"
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type("richtig-gutes-passwort")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/"))
    assert "Guten Tag, Tastatur Nutzerin" in page.locator("h1").inner_text()


def test_home_is_accessible_and_has_no_csp_errors(page, factory):
    login(page, factory.user())
    page.goto("/")
    assert page.locator("#flash-region[aria-live=polite]").count() == 1
    assert_accessible(page, "Startseite")
    assert_no_csp_errors(page)


def test_admin_pages_are_accessible(page, factory, org):
    tree = org.tree
    for index in range(3):
        factory.user(unit=tree["sg321"], roles=[("guide", tree["a32"])] if index == 0 else [])
    from intranet.decisions import tokens
    from intranet.extensions import db

    tokens.create_token(org.admin, "feed", "Thunderbird")  # "Meine Daten" shows it with "Widerrufen"
    db.session.commit()
    login(page, org.admin)
    for path in (
        "/verwaltung/personen",
        "/organisation/",
        f"/organisation/{tree['a32'].id}",
        "/verwaltung/personen/neu",
        "/verwaltung/protokoll",
        "/benachrichtigungen/",
        "/konto/profil",
        "/meine-daten",
        "/seiten/barrierefreiheit",
        "/konto/passwort",
        "/verwaltung/import",
        "/verwaltung/themen",
    ):
        page.goto(path)
        assert_accessible(page, path)
    assert_no_csp_errors(page)


def test_user_filter_updates_results_via_htmx(page, factory, org):
    tree = org.tree
    factory.user(name="Zora Zufall", unit=tree["sg321"])
    login(page, org.admin)
    page.goto("/verwaltung/personen")
    with page.expect_response(lambda r: "/verwaltung/personen?" in r.url and "q=Zora" in r.url):
        page.fill("#q", "Zora")
    page.locator("#user-results").get_by_text("Zora Zufall").wait_for()
    assert page.locator("#user-results tbody tr").count() == 1
    assert_accessible(page, "nach Filter")


def test_csv_import_with_error_is_accessible(page, org):
    login(page, org.admin)
    page.goto("/verwaltung/import")
    assert_accessible(page, "Import-Formular")
    csv = b"E-Mail;Name;Einheit\nkaputt;Anna;Dezernat 9/Amt 99\n"
    page.set_input_files(
        "#file",
        files=[{"name": "personal.csv", "mimeType": "text/csv", "buffer": io.BytesIO(csv).getvalue()}],
    )
    page.get_by_role("button", name="Prüfen und importieren").click()
    page.locator(".import-errors").wait_for()
    assert "Zeile" in page.locator(".import-errors").inner_text()
    assert "keine gültige E-Mail-Adresse" in page.content()
    assert_accessible(page, "Import mit Fehlern")


def test_page_reflows_at_320_pixels(page, factory):
    login(page, factory.admin())
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/verwaltung/personen")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320px: {scroll_width}px"


def test_session_expiry_during_htmx_request_shows_login_page(page, factory):
    login_as_admin = factory.admin()
    login(page, login_as_admin)
    page.goto("/verwaltung/personen")
    page.context.clear_cookies()
    page.fill("#q", "irgendwer")
    page.wait_for_url(lambda url: "/konto/anmelden" in url)
    assert page.locator("h1").inner_text() == "Anmelden bei Lotse"
    assert page.locator("#user-results").count() == 0
