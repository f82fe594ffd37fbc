"""Feedback board in a real browser: axe on every page and after every htmx swap, the
anonymous flow with its secret link, support toggle, status answer, moderation, XSS corpus."""

from types import SimpleNamespace

import pytest

from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.services import PostDraft
from tests.browser.conftest import XSS_CORPUS, assert_accessible, assert_no_csp_errors, login
from tests.feedback.conftest import publish_anonymous


@pytest.fixture
def board(org, factory):
    """Six more people in SG 32.1, a topic and two posts on the board of the shared org."""
    staff = org.crowd(6, "sg321", "Sabine Sachgebiet")
    topic = factory.topic("E-Akte")
    post = services.create_named_post(
        staff[1],
        PostDraft(
            kind="idea",
            title="Digitale Urlaubsanträge",
            body="Bitte **digital**.",
            unit_id=org["sg321"].id,
            topic_id=topic.id,
        ),
    )
    services.create_named_post(
        staff[2],
        PostDraft(
            kind="lesson",
            title="Frist verpasst",
            what_happened="Scan-Stau",
            what_learned="Markieren",
            unit_id=org["a32"].id,
        ),
    )
    db.session.commit()
    return SimpleNamespace(staff=staff, post=post, topic=topic)


def test_board_with_filters_is_accessible(page, board):
    login(page, board.staff[0])
    page.goto("/feedback/")
    assert page.locator(".feedback-card").count() == 2
    assert_accessible(page, "Board")
    with page.expect_response(lambda r: "/feedback/?" in r.url and "kind=lesson" in r.url):
        page.select_option("#kind", "lesson")
    page.locator("#feedback-results").get_by_text("1 Beitrag gefunden").wait_for()
    assert page.locator(".feedback-card").count() == 1
    assert "kind=lesson" in page.url
    assert_accessible(page, "Board nach Filter")
    assert_no_csp_errors(page)


@pytest.mark.parametrize("kind", ["lesson", "idea", "concern", "praise"])
def test_each_kind_form_with_error_is_accessible(page, board, kind):
    login(page, board.staff[0])
    page.goto("/feedback/neu")
    assert_accessible(page, "Art wählen")
    page.goto(f"/feedback/neu?art={kind}")
    assert_accessible(page, f"Formular {kind}")
    page.fill("#title", "Nur eine Überschrift")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.locator(".form-error-summary").wait_for()
    assert page.input_value("#title") == "Nur eine Überschrift"
    field = "#what_happened" if kind == "lesson" else "#body"
    assert page.locator(field).get_attribute("aria-invalid") == "true"
    assert_accessible(page, f"Formular {kind} mit Fehler")


def test_anonymous_flow_with_secret_link(page, board):
    login(page, board.staff[0])
    page.goto("/feedback/neu?art=concern")
    page.fill("#title", "Sorge um meine Stelle")
    page.fill("#body", "Wird meine Aufgabe digitalisiert?")
    assert "Schreibstil" in page.locator("#anonymity-warning").inner_text()
    page.check("#identity-1")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.locator("#secret-code").wait_for()
    secret = page.locator("#secret-code").inner_text().strip()
    assert len(secret) > 30
    assert secret not in page.url
    assert_accessible(page, "Zugangscode")
    page.goto("/feedback/anonym")
    page.fill("#secret", secret)
    page.get_by_role("button", name="Beitrag öffnen").click()
    page.locator(".field-error").wait_for()
    assert "wartet noch auf die nächste Sammelveröffentlichung" in page.locator(".field-error").inner_text()
    publish_anonymous()
    page.goto("/feedback/")  # leave the page: a fragment-only change would not load it again
    page.goto(f"/feedback/anonym#{secret}")
    assert page.input_value("#secret") == secret  # filled from the fragment by app.js
    assert "#" not in page.url  # and removed from the address bar
    assert_accessible(page, "Zugangscode eingeben")
    page.get_by_role("button", name="Beitrag öffnen").click()
    page.get_by_role("heading", name="Sorge um meine Stelle").wait_for()
    page.fill("#body", "Nachtrag: Es geht um die Poststelle.")
    page.get_by_role("button", name="Anonym antworten").click()
    page.get_by_text("Sammelveröffentlichung").first.wait_for()
    assert "ohne Bezug zu Ihrer Person" in page.locator("#flash-region").inner_text()
    publish_anonymous()
    page.goto("/feedback/")
    page.goto(f"/feedback/anonym#{secret}")
    page.get_by_role("button", name="Beitrag öffnen").click()
    page.get_by_text("Nachtrag: Es geht um die Poststelle.").wait_for()
    assert_accessible(page, "Anonymer Beitrag mit Antwort")
    page.goto("/feedback/anonym")
    page.fill("#secret", "falsch")
    page.get_by_role("button", name="Beitrag öffnen").click()
    page.locator(".field-error").wait_for()
    assert "nicht gültig" in page.locator(".field-error").inner_text()
    assert_accessible(page, "falscher Zugangscode")
    assert_no_csp_errors(page)


def test_support_toggle_via_htmx_announces_count(page, board):
    post = board.post
    login(page, board.staff[0])
    page.goto(f"/feedback/{post.id}")
    assert_accessible(page, "Beitrag")
    region = page.locator(f"#support-{post.id}")
    with page.expect_response(lambda r: "/feedback/unterstuetzen" in r.url):
        region.get_by_role("button", name="Betrifft mich auch").click()
    region.locator("button[aria-pressed=true]").wait_for()
    assert "1 Person" in page.locator("#flash-region").inner_text()
    region.locator("button[aria-pressed=true]:focus").wait_for()  # focus stays on the toggle
    assert page.url.endswith(f"/feedback/{post.id}")  # no reload
    assert_accessible(page, "nach Unterstützen")
    with page.expect_response(lambda r: "/feedback/unterstuetzen" in r.url):
        region.locator("button[aria-pressed=true]").click()
    region.locator("button[aria-pressed=false]").first.wait_for()
    assert "0 Personen" in region.inner_text()
    page.fill("#body", "Sehe ich genauso.")
    with page.expect_response(lambda r: "/feedback/kommentieren" in r.url):
        page.get_by_role("button", name="Kommentar veröffentlichen").click()
    page.locator("#comments").get_by_text("Sehe ich genauso.").wait_for()
    page.locator("#kommentar-1:focus").wait_for()  # focus moves to the new comment
    assert_accessible(page, "nach Kommentar")


def test_status_change_with_answer(page, org, board):
    post = board.post
    login(page, org.leader)
    page.goto(f"/feedback/{post.id}")
    page.get_by_role("link", name="Status ändern und antworten").click()
    page.wait_for_url(f"**/feedback/{post.id}/status")
    assert_accessible(page, "Statusseite")
    page.select_option("#status", "declined")
    page.get_by_role("button", name="Status speichern").click()
    page.locator("#answer-error").wait_for()
    assert_accessible(page, "Status ohne Begründung")
    page.fill("#answer", "Leider 2027 nicht im Haushalt.")
    page.get_by_role("button", name="Status speichern").click()
    page.wait_for_url(f"**/feedback/{post.id}")
    assert "Leider 2027 nicht im Haushalt." in page.content()
    assert "nicht umgesetzt" in page.locator("#flash-region").inner_text()
    assert_accessible(page, "Beitrag mit Antwort")


def test_report_and_moderation(page, org, board):
    post = board.post
    login(page, board.staff[0])
    page.goto(f"/feedback/{post.id}/melden")
    assert_accessible(page, "Meldeformular")
    page.fill("#reason", "Unsachlich")
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_url(f"**/feedback/{post.id}")
    page.context.clear_cookies()
    login(page, org.admin)
    page.goto("/feedback/moderation")
    assert "Unsachlich" in page.content()
    assert_accessible(page, "Moderation")
    page.get_by_role("link", name="Ausblenden – Digitale Urlaubsanträge").click()
    page.wait_for_url(f"**/feedback/{post.id}/ausblenden")
    page.get_by_role("button", name="Ausblenden").click()
    page.locator(".field-error").wait_for()
    assert_accessible(page, "Ausblenden ohne Grund")
    page.fill("#reason", "Nennt eine Kollegin beim Namen.")
    page.get_by_role("button", name="Ausblenden").click()
    page.wait_for_url("**/feedback/moderation")
    assert_accessible(page, "Moderation nach Ausblenden")
    page.context.clear_cookies()
    login(page, board.staff[3])
    page.goto(f"/feedback/{post.id}")
    assert "Nennt eine Kollegin beim Namen." in page.content()
    assert "Bitte **digital**" not in page.content() and "digital</strong>" not in page.content()
    assert_accessible(page, "Grabstein")


def test_no_script_runs_from_markdown_in_posts_and_comments(page, org, board):
    body = "\n\n".join(XSS_CORPUS)
    post = services.create_named_post(
        board.staff[1],
        PostDraft(
            kind="lesson",
            title="XSS <script>window.__xss=1</script>",
            what_happened=body,
            what_helped=body,
            what_learned=body,
            what_prevents=body,
        ),
    )
    services.add_named_comment(board.staff[2], post, body)
    services.add_anonymous_comment(post, body)
    moderation.change_status(org.admin, post, "seen", body)
    db.session.commit()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(page, board.staff[0])
    for path in (f"/feedback/{post.id}", "/feedback/", "/"):
        page.goto(path)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, path
        assert page.url.endswith(path)  # the hx-get logout did not fire
    assert dialogs == []
    # Lotse's own icons and chart bars are svg too; none may come from user content
    user_svg = "main svg:not(.icon):not(.chart-bar):not(.chart-swatch)"
    assert (
        page.locator(f"main script, main iframe, {user_svg}, main [hx-get], main [data-hx-get]").count() == 0
    )
    assert_accessible(page, "Start mit XSS-Beitrag")
