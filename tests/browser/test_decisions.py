"""The decision register in a real browser: axe on every page and after htmx swaps."""

from datetime import date

import pytest

from intranet.decisions import engagement, services
from intranet.extensions import db
from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login
from tests.decisions.conftest import decision_data


def _wait_until(page, expression: str, attempts: int = 50) -> None:
    """Poll from Python: wait_for_function would need eval, which the strict CSP forbids."""
    for _ in range(attempts):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


@pytest.fixture
def register(factory):
    tree = factory.tree()
    leader = factory.user(name="Dr. Claudia Hoffmann", unit=tree["d2"], roles=[("leadership", tree["d2"])])
    staff = factory.user(name="Petra Schneider", unit=tree["sg322"])
    topic = factory.topic("E-Akte")
    e_akte = services.create_decision(
        leader,
        decision_data(
            tree["d2"],
            [tree["a32"]],
            requires_acknowledgement=True,
            topic_id=topic.id,
            effective_date=date(2099, 3, 1),
        ),
    )
    services.publish_decision(leader, e_akte)
    services.update_decision(
        leader,
        e_akte,
        decision_data(
            tree["d2"],
            [tree["a32"]],
            requires_acknowledgement=True,
            topic_id=topic.id,
            effective_date=date(2099, 4, 1),
            title="Einführung der E-Akte im Amt 32 ab April",
        ),
        reason="Start verschoben",
        substantive=True,
    )
    video = services.create_decision(
        leader,
        decision_data(
            tree["d2"],
            [tree["d2"]],
            title="Videokonferenzen statt Dienstreisen bis 100 km",
            effective_date=date(2099, 1, 15),
        ),
    )
    services.publish_decision(leader, video)
    engagement.ask_question(staff, e_akte, "Werden die Altakten eingescannt?")
    db.session.commit()
    return {"tree": tree, "leader": leader, "staff": staff, "topic": topic, "e_akte": e_akte, "video": video}


def test_register_with_filters_and_decision_page(page, register):
    login(page, register["staff"])
    page.goto("/decisions/")
    assert_accessible(page, "Register")
    with page.expect_response(lambda r: "/decisions/?" in r.url and "topic=" in r.url):
        page.select_option("#topic", str(register["topic"].id))
    page.locator("#decision-results").get_by_text("1 Entscheidung gefunden").wait_for()
    assert page.locator("#decision-results").count() == 1
    assert page.locator("#filter-status").inner_text() == "1 Entscheidung gefunden"
    assert "Videokonferenzen" not in page.locator("#decision-results").inner_text()
    assert_accessible(page, "Register nach Filter")
    page.get_by_role("link", name="Einführung der E-Akte im Amt 32 ab April").click()
    page.locator("h1").get_by_text("Einführung der E-Akte").wait_for()
    assert "Werden die Altakten eingescannt?" in page.content()
    assert_accessible(page, "Entscheidungsseite")
    page.screenshot(path="/tmp/decisions-detail.png", full_page=True)
    assert_no_csp_errors(page)


def test_acknowledge_and_follow_via_htmx(page, register):
    login(page, register["staff"])
    page.goto(f"/decisions/{register['e_akte'].id}")
    page.get_by_role("button", name="Zur Kenntnis genommen").click()
    page.locator("#ack-region .notice-success").wait_for()
    # Focus moves into the swapped region after htmx settles.
    _wait_until(page, "document.activeElement.closest('#ack-region') !== null")
    page.locator("#flash-region").get_by_text("Danke!").wait_for()
    assert_accessible(page, "nach Kenntnisnahme")
    # Asking a question made her a follower; she stops following.
    page.get_by_role("button", name="Nicht mehr folgen").click()
    page.get_by_role("button", name="Folgen", exact=True).wait_for()
    _wait_until(page, "document.activeElement.textContent.trim() === 'Folgen'")
    assert_accessible(page, "nach Folgen")
    db.session.rollback()  # end the test's read snapshot to see the live server's write
    assert engagement.has_acknowledged(register["staff"], register["e_akte"])


def test_revision_history_and_diff(page, register):
    login(page, register["staff"])
    page.goto(f"/decisions/{register['e_akte'].id}/history")
    assert_accessible(page, "Verlauf")
    page.get_by_role("link", name="Änderungen zu Version 1 ansehen").click()
    page.locator("h1").get_by_text("Was sich geändert hat").wait_for()
    assert page.locator("del").count() >= 1 and page.locator("ins").count() >= 1
    assert_accessible(page, "Unterschiede")


def test_publish_form_with_error_keeps_input(page, register):
    login(page, register["leader"])
    page.goto("/decisions/new")
    assert_accessible(page, "Formular neu")
    page.fill("#title", "Homeoffice-Regelung")
    page.select_option("#unit_id", str(register["tree"]["d2"].id))
    page.fill("#summary", "Bis zu drei Tage pro Woche mobil arbeiten.")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.locator(".field-error").first.wait_for()
    assert page.input_value("#title") == "Homeoffice-Regelung"
    assert page.locator("#decision_text").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "Formular mit Fehler")


def test_timeline_and_tokens(page, register):
    login(page, register["staff"])
    page.goto("/decisions/timeline")
    page.locator("#timeline-results").get_by_text("Videokonferenzen statt Dienstreisen").wait_for()
    assert_accessible(page, "Zeitleiste")
    with page.expect_response(lambda r: "/decisions/timeline?" in r.url):
        page.check("#mine")
    assert_accessible(page, "Zeitleiste gefiltert")
    page.goto("/decisions/tokens")
    page.fill("#label", "Feed-Reader")
    page.get_by_role("button", name="Schlüssel anlegen").click()
    page.get_by_text("Dieser Schlüssel wird nur jetzt angezeigt.").wait_for()
    assert_accessible(page, "Schlüssel angelegt")


def test_register_reflows_at_320_pixels(page, register):
    login(page, register["staff"])
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/decisions/", f"/decisions/{register['e_akte'].id}"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"horizontal scrolling at 320px on {path}: {width}px"


def test_leader_views_are_accessible(page, register, factory):
    for _ in range(5):
        factory.user(unit=register["tree"]["sg321"])
    login(page, register["leader"])
    decision_id = register["e_akte"].id
    page.goto(f"/decisions/{decision_id}")
    page.get_by_role("heading", name="Kenntnisnahme nach Einheiten").wait_for()
    assert page.locator("form[action$='/answer'] textarea").count() == 1
    assert_accessible(page, "Entscheidung aus Sicht der Leitung")
    for path in (f"/decisions/{decision_id}/edit", f"/decisions/{decision_id}/status"):
        page.goto(path)
        assert_accessible(page, path)
    page.get_by_role("button", name="Status ändern").click()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page, "Statuswechsel ohne Begründung")
    assert_no_csp_errors(page)
