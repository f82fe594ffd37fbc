"""Pilot pages in a real browser: axe on every page and after each htmx swap, live-region status."""

from intranet.extensions import db
from intranet.pilots import signups
from intranet.pilots.models import Pilot
from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login


def _pilot(factory, capacity=2, status="open", title="E-Akte im Bürgerbüro", **fields):
    unit = factory.unit("Amt 32 – Ordnungsamt")
    owner = factory.user(name="Claudia Leitung", unit=unit, roles=[("leadership", unit)])
    pilot = Pilot(
        title=title,
        goal="Anträge ohne Papier bearbeiten.",
        unit_id=unit.id,
        owner_id=owner.id,
        created_by_id=owner.id,
        capacity=capacity,
        status=status,
        confirmed_count=0,
        waitlist_seq=0,
        description="**Wir** probieren es aus.",
        **fields,
    )
    db.session.add(pilot)
    db.session.commit()
    return pilot, owner


def test_list_and_filter_are_accessible(page, factory):
    pilot, _owner = _pilot(factory)
    _pilot(factory, status="planned", title="Tablets im Außendienst")
    login(page, factory.user())
    page.goto("/pilotprojekte/")
    assert "0 von 2 Plätzen belegt" in page.content()
    assert_accessible(page, "Liste")
    with page.expect_response(lambda r: "/pilotprojekte/?" in r.url and "status=planned" in r.url):
        page.select_option("#status", "planned")
    page.locator("#pilot-results").get_by_text("Tablets im Außendienst").wait_for()
    assert page.locator("#pilot-results").get_by_text(pilot.title).count() == 0
    assert "status=planned" in page.url
    assert_accessible(page, "nach Filter")
    assert_no_csp_errors(page)


def test_pilot_page_and_sign_up_with_error(page, factory):
    pilot, _owner = _pilot(factory)
    login(page, factory.user())
    page.goto(f"/pilotprojekte/{pilot.id}")
    assert_accessible(page, "Pilotseite")
    # The field carries maxlength, so browsers stop at 2,000 characters; an old browser
    # (or a pasted request) does not – the server must still answer with a field error.
    assert page.get_attribute("#motivation", "maxlength") == "2000"
    page.evaluate("document.getElementById('motivation').removeAttribute('maxlength')")
    too_long = "Ich möchte sehr gern mitmachen. " * 70  # > 2,000 characters
    page.fill("#motivation", too_long)
    page.get_by_role("button", name="Jetzt anmelden").click()
    page.locator("#motivation-error").wait_for()
    assert "Höchstens 2.000 Zeichen." in page.locator("#motivation-error").inner_text()
    assert page.input_value("#motivation").strip() == too_long.strip()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'motivation'")
    assert_accessible(page, "Anmeldung mit Fehler")
    assert_no_csp_errors(page)


def test_sign_up_onto_waitlist_via_htmx_is_announced(page, factory):
    pilot, _owner = _pilot(factory, capacity=1)
    signups.sign_up(pilot, factory.user(), "")
    db.session.commit()
    login(page, factory.user())
    page.goto(f"/pilotprojekte/{pilot.id}")
    page.fill("#motivation", "Ich warte gern.")
    with page.expect_response(lambda r: r.url.endswith("/anmelden")) as response_info:
        page.get_by_role("button", name="Auf die Warteliste setzen").click()
    assert response_info.value.status == 200
    page.locator("#signup-box").get_by_text("Warteliste, Platz 1").wait_for()
    live = page.locator("#flash-region[role=status][aria-live=polite]")
    assert "Sie stehen auf der Warteliste, Platz 1." in live.inner_text()
    # Focus moves after htmx settles (a few milliseconds after the swap).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'signup-heading'")
    assert_accessible(page, "nach Anmeldung auf die Warteliste")
    with page.expect_response(lambda r: r.url.endswith("/abmelden")):
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Abmelden", exact=True).last.click()
    page.locator("#signup-box").get_by_role("button", name="Auf die Warteliste setzen").wait_for()
    assert "Sie haben sich abgemeldet." in live.inner_text()
    assert_accessible(page, "nach Abmeldung")
    assert_no_csp_errors(page)


def test_owner_view_results_and_lessons_are_accessible(page, factory):
    pilot, owner = _pilot(factory, capacity=1, status="evaluation")
    pilot.status = "open"
    db.session.commit()
    signups.sign_up(pilot, factory.user(name="Anna Amsel"), "Ich kenne das Verfahren.")
    signups.sign_up(pilot, factory.user(name="Bert Buche"), "")
    pilot.status = "evaluation"
    db.session.commit()
    login(page, owner)
    page.goto(f"/pilotprojekte/{pilot.id}/teilnehmende")
    assert "Ich kenne das Verfahren." in page.content()
    assert_accessible(page, "Verwaltung")
    page.fill("#cap-capacity", "0")
    page.get_by_role("button", name="Plätze speichern").click()
    page.locator("#cap-capacity-error").wait_for()
    assert_accessible(page, "Verwaltung mit Fehler")
    page.goto(f"/pilotprojekte/{pilot.id}/ergebnisse")
    assert_accessible(page, "Ergebnisformular")
    page.fill("#summary", "Es hat gut funktioniert.")
    page.fill("#worked", "Kurze Schulung vorab")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.locator("#ergebnisse").wait_for()
    assert_accessible(page, "Pilotseite mit Ergebnissen")
    page.goto("/pilotprojekte/gelernt")
    assert "Es hat gut funktioniert." in page.content()
    assert_accessible(page, "Was haben wir gelernt?")
    page.goto(f"/pilotprojekte/{pilot.id}/bearbeiten")
    assert_accessible(page, "Bearbeiten")
    assert_no_csp_errors(page)


def test_pilot_pages_reflow_at_320_pixels(page, factory):
    pilot, owner = _pilot(factory, capacity=1)
    signups.sign_up(
        pilot,
        factory.user(name="Maximiliane Mustermann-Langname"),
        "Eine recht lange Motivation, die umbrechen muss. " * 5,
    )
    db.session.commit()
    login(page, owner)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/pilotprojekte/", f"/pilotprojekte/{pilot.id}", f"/pilotprojekte/{pilot.id}/teilnehmende"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"horizontal scrolling at 320px on {path}: {width}px"


def test_keyboard_only_sign_up(page, factory):
    pilot, _owner = _pilot(factory)
    login(page, factory.user())
    page.goto(f"/pilotprojekte/{pilot.id}")
    page.focus("#motivation")
    page.keyboard.type("Ich bin dabei.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Jetzt anmelden"
    page.keyboard.press("Enter")
    page.locator("#signup-box").get_by_text("Ihr Status: bestätigt").wait_for()
    # Focus moves after htmx settles (a few milliseconds after the swap).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'signup-heading'")
