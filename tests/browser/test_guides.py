"""Guides in a real browser: axe on every page, htmx claim and suggestions, XSS corpus."""

import pytest

from intranet.extensions import db
from intranet.guides import services
from tests.browser.conftest import XSS_CORPUS, assert_accessible, assert_no_csp_errors, login


@pytest.fixture
def org(factory):
    tree = factory.tree()
    topic = factory.topic("E-Akte")
    guide = factory.user(name="Gerda Guide", unit=tree["a32"], roles=[("guide", tree["a32"])])
    deputy = factory.user(name="Vera Vertretung", unit=tree["a32"])
    top_guide = factory.user(name="Dieter Dezernat", unit=tree["d2"], roles=[("guide", tree["d2"])])
    services.save_profile(top_guide, True, deputy.id, [topic.id], "Sprechzeit dienstags")
    services.save_profile(guide, False, None, [topic.id], "")
    asker = factory.user(name="Anna Asker", unit=tree["sg321"])
    answered = services.ask(
        asker, "Wie scanne ich Rechnungen in die E-Akte?", "Bitte **kurz**.", topic.id, False
    )
    services.answer(answered, guide, "Mit dem Scanner im Flur.")
    db.session.commit()
    return {"tree": tree, "guide": guide, "asker": asker, "answered": answered, "topic": topic}


def test_contacts_directory_and_faq_are_accessible(page, org):
    login(page, org["asker"])
    page.goto("/guides/")
    assert "Gerda Guide" in page.content() and "Vera Vertretung" in page.content()
    assert_accessible(page, "Meine Ansprechpersonen")
    page.goto("/guides/directory")
    assert_accessible(page, "Verzeichnis nach Einheit")
    page.goto("/guides/directory?view=topics")
    assert_accessible(page, "Verzeichnis nach Thema")
    page.goto("/guides/faq")
    with page.expect_response(lambda r: "/guides/faq?" in r.url and "q=scanne" in r.url):
        page.fill("#q", "scanne")
    page.locator("#faq-results").get_by_text("Wie scanne ich Rechnungen").wait_for()
    assert_accessible(page, "FAQ nach Suche")
    assert_no_csp_errors(page)


def test_ask_with_error_then_with_suggestions_then_success(page, org):
    login(page, org["asker"])
    page.goto("/guides/ask")
    page.fill("#body", "Mein ausführlicher Text")
    page.get_by_role("button", name="Frage absenden").click()
    page.locator(".field-error").first.wait_for()
    assert page.input_value("#body") == "Mein ausführlicher Text"
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "Frageformular mit Fehler")
    with page.expect_response(lambda r: "/guides/suggestions" in r.url):
        page.fill("#title", "Rechnungen scannen")
    page.locator("#suggestions").get_by_text("Wie scanne ich Rechnungen").wait_for()
    assert_accessible(page, "Frageformular mit Vorschlägen")
    page.get_by_role("button", name="Frage absenden").click()
    page.wait_for_url("**/guides/questions/*")
    assert "Ihre Frage ist angekommen" in page.locator("#flash-region").inner_text()
    assert_accessible(page, "Fragenseite")
    assert_no_csp_errors(page)


def test_guide_claims_in_the_inbox_via_htmx_and_focus_stays_there(page, org):
    question = services.ask(org["asker"], "Neue offene Frage", "", None, False)
    db.session.commit()
    login(page, org["guide"])
    page.goto("/guides/inbox")
    assert_accessible(page, "Posteingang")
    button = page.locator(f"#claim-{question.id} button")
    with page.expect_response(lambda r: r.url.endswith(f"/questions/{question.id}/claim")):
        button.click()
    page.locator(f"#claim-{question.id}").get_by_text("Von Ihnen übernommen").wait_for()
    assert page.url.endswith("/guides/inbox")  # no full navigation
    # Focus moves into the swapped region (after htmx settles), not back to the page top.
    page.wait_for_function(f"document.activeElement?.closest('.claim-box')?.id === 'claim-{question.id}'")
    page.locator("#flash-region").get_by_text("Sie haben die Frage übernommen").wait_for()
    assert_accessible(page, "Posteingang nach Übernahme")
    assert_no_csp_errors(page)


def test_question_detail_and_admin_pages_are_accessible(page, org, factory):
    login(page, factory.admin(unit=org["tree"]["a10"]))
    page.goto(f"/guides/questions/{org['answered'].id}")
    assert_accessible(page, "Fragenseite mit Antwort")
    for path in (
        "/guides/coverage",
        "/guides/escalation",
        f"/guides/profile/{org['guide'].id}",
        f"/guides/units/{org['tree']['a32'].id}",
    ):
        page.goto(path)
        assert_accessible(page, path)


def test_no_script_runs_from_markdown_in_questions_and_answers(page, org):
    body = "\n\n".join(XSS_CORPUS)
    question = services.ask(org["asker"], "XSS <script>window.__xss=1</script>", body, None, False)
    services.answer(question, org["guide"], body)
    db.session.commit()
    login(page, org["asker"])
    page.goto(f"/guides/questions/{question.id}")
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


def test_guides_pages_reflow_at_320_pixels(page, org):
    services.ask(
        org["asker"],
        "Eine ziemlich lange Frage über die Elektronische-Akten-Verwaltungssoftwareschnittstelle",
        "",
        None,
        False,
    )
    db.session.commit()
    login(page, org["guide"])
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (
        "/guides/",
        "/guides/inbox",
        f"/guides/questions/{org['answered'].id}",
        "/guides/ask",
        "/guides/directory",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: horizontal scrolling at 320px ({width}px)"
