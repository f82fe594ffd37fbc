"""Privacy admin pages in a real browser: retention, the Art. 30 record, erasure with preview."""

from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login


def test_retention_and_register_pages_are_accessible(page, org):
    login(page, org.admin)
    page.goto("/verwaltung/aufbewahrung")
    assert "LOTSE_RETENTION_AUDIT_DAYS=365" in page.content()
    assert_accessible(page, "Aufbewahrung")
    page.get_by_role("button", name="Jetzt bereinigen").click()
    page.get_by_text("Bereinigung abgeschlossen").first.wait_for()
    assert_accessible(page, "Aufbewahrung nach Bereinigung")
    page.goto("/verwaltung/verarbeitungsverzeichnis")
    assert_accessible(page, "Verarbeitungsverzeichnis")
    assert_no_csp_errors(page)


def test_erasure_with_preview_in_the_browser(page, org, factory):
    person = factory.user(name="Bald Gelöscht", unit=org["sg321"])
    login(page, org.admin)
    page.goto(f"/verwaltung/personen/{person.id}")
    page.get_by_role("link", name="Person löschen (DSGVO Art. 17) …").click()
    page.get_by_role("heading", name="Bald Gelöscht löschen").wait_for()
    assert_accessible(page, "Löschvorschau")
    page.get_by_role("button", name="Endgültig löschen").click()
    page.locator(".field-error").wait_for()
    assert "Bitte bestätigen Sie" in page.content()
    assert_accessible(page, "Löschung ohne Bestätigung")
    page.get_by_label("Ich habe die Vorschau geprüft").check()
    page.get_by_role("button", name="Endgültig löschen").click()
    page.get_by_text("Die Person wurde gelöscht").first.wait_for()
    assert_no_csp_errors(page)
