"""Guides in a real browser: axe on every page, htmx claim and suggestions, XSS corpus."""

import re

import pytest

from intranet.extensions import db
from intranet.guides import services
from tests.browser.conftest import XSS_CORPUS, assert_accessible, assert_no_csp_errors, login


@pytest.fixture
def guides(org, factory):
    """On the shared test org: topics and an absent Dezernat guide with a deputy, one answered
    public question."""
    topic = factory.topic("E-Akte")
    deputy = factory.user(name="Vera Vertretung", unit=org["a32"])
    services.save_profile(org.dezernat_guide, True, deputy.id, [topic.id], "Sprechzeit dienstags")
    services.save_profile(org.guide, False, None, [topic.id], "")
    answered = services.ask(
        org.staff, "Wie scanne ich Rechnungen in die E-Akte?", "Bitte **kurz**.", topic.id, False
    )
    services.answer(answered, org.guide, "Mit dem Scanner im Flur.")
    db.session.commit()
    return {"answered": answered, "topic": topic}


def test_contacts_directory_and_faq_are_accessible(page, org, guides):
    login(page, org.staff)
    page.goto("/lotsen/")
    assert "Gerda Lotsin" in page.content() and "Vera Vertretung" in page.content()
    assert_accessible(page, "Meine Ansprechpersonen")
    page.goto("/lotsen/verzeichnis")
    assert_accessible(page, "Verzeichnis nach Einheit")
    page.goto("/lotsen/verzeichnis?view=topics")
    assert_accessible(page, "Verzeichnis nach Thema")
    page.goto("/lotsen/faq")
    with page.expect_response(lambda r: "/lotsen/faq?" in r.url and "q=scanne" in r.url):
        page.fill("#q", "scanne")
    page.locator("#faq-results").get_by_text("Wie scanne ich Rechnungen").wait_for()
    assert_accessible(page, "FAQ nach Suche")
    assert_no_csp_errors(page)


def test_ask_with_error_then_with_suggestions_then_success(page, org, guides):
    login(page, org.staff)
    page.goto("/lotsen/fragen/neu")
    page.fill("#body", "Mein ausführlicher Text")
    page.get_by_role("button", name="Frage absenden").click()
    page.locator(".field-error").first.wait_for()
    assert page.input_value("#body") == "Mein ausführlicher Text"
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "Frageformular mit Fehler")
    with page.expect_response(lambda r: "/lotsen/vorschlaege" in r.url):
        page.fill("#title", "Rechnungen scannen")
    page.locator("#suggestions").get_by_text("Wie scanne ich Rechnungen").wait_for()
    assert_accessible(page, "Frageformular mit Vorschlägen")
    page.get_by_role("button", name="Frage absenden").click()
    page.wait_for_url(re.compile(r".*/lotsen/fragen/\d+$"))
    assert "Ihre Frage ist angekommen" in page.locator("#flash-region").inner_text()
    assert_accessible(page, "Fragenseite")
    assert_no_csp_errors(page)


def test_guide_claims_in_the_inbox_via_htmx_and_focus_stays_there(page, org, guides):
    question = services.ask(org.staff, "Neue offene Frage", "", None, False)
    db.session.commit()
    login(page, org.guide)
    page.goto("/lotsen/posteingang")
    assert_accessible(page, "Posteingang")
    button = page.locator(f"#claim-{question.id} button")
    with page.expect_response(lambda r: r.url.endswith(f"/fragen/{question.id}/uebernehmen")):
        button.click()
    page.locator(f"#claim-{question.id}").get_by_text("Von Ihnen übernommen").wait_for()
    assert page.url.endswith("/lotsen/posteingang")  # no full navigation
    # Focus moves into the swapped region (after htmx settles), not back to the page top.
    page.wait_for_function(f"document.activeElement?.closest('.claim-box')?.id === 'claim-{question.id}'")
    page.locator("#flash-region").get_by_text("Sie haben die Frage übernommen").wait_for()
    assert_accessible(page, "Posteingang nach Übernahme")
    assert_no_csp_errors(page)


def test_question_detail_and_admin_pages_are_accessible(page, org, guides):
    login(page, org.admin)
    page.goto(f"/lotsen/fragen/{guides['answered'].id}")
    assert_accessible(page, "Fragenseite mit Antwort")
    for path in (
        "/lotsen/abdeckung",
        "/lotsen/fristen",
        f"/lotsen/profil/{org.guide.id}",
        f"/lotsen/einheiten/{org['a32'].id}",
    ):
        page.goto(path)
        assert_accessible(page, path)


def test_the_ask_back_button_asks_back(page, org, guides):
    question = services.ask(org.staff, "Welche Vorlage nehme ich?", "", None, False)
    db.session.commit()
    login(page, org.guide)
    page.goto(f"/lotsen/fragen/{question.id}")
    page.fill("#body", "Für welches Verfahren?")
    page.get_by_role("button", name="Als Rückfrage senden").click()
    page.locator("#flash-region").get_by_text("Ihre Rückfrage wurde gesendet").wait_for()
    db.session.rollback()  # a fresh snapshot: the live server wrote in its own session
    assert db.session.get(type(question), question.id).status == "asked_back"


def test_no_script_runs_from_markdown_in_questions_and_answers(page, org, guides):
    body = "\n\n".join(XSS_CORPUS)
    question = services.ask(org.staff, "XSS <script>window.__xss=1</script>", body, None, False)
    services.answer(question, org.guide, body)
    db.session.commit()
    login(page, org.staff)
    page.goto(f"/lotsen/fragen/{question.id}")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert (
        page.locator(
            "main script, main img, main svg, main iframe, main [hx-get], main [data-hx-get]"
        ).count()
        == 0
    )
    assert page.locator("main a[href^='javascript']").count() == 0
    assert_no_csp_errors(page)


def test_guides_pages_reflow_at_320_pixels(page, org, guides):
    services.ask(
        org.staff,
        "Eine ziemlich lange Frage über die Elektronische-Akten-Verwaltungssoftwareschnittstelle",
        "",
        None,
        False,
    )
    db.session.commit()
    login(page, org.guide)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (
        "/lotsen/",
        "/lotsen/posteingang",
        f"/lotsen/fragen/{guides['answered'].id}",
        "/lotsen/fragen/neu",
        "/lotsen/verzeichnis",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: horizontal scrolling at 320px ({width}px)"
