"""Training paths in a real browser: axe on every page and after htmx swaps, keyboard reordering."""

from datetime import timedelta

from intranet import clock
from intranet.extensions import db
from intranet.training import learning
from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login
from tests.training.conftest import PathBuilder


def _path(author=None, **kwargs):
    return PathBuilder().path(author=author, **kwargs)


def test_catalogue_and_filter_with_htmx(page, factory):
    topic = factory.topic("Videokonferenz")
    _path(title="Videokonferenzen leiten", level="aufbau", topic=topic)
    _path(title="Erste Schritte am PC")
    login(page, factory.user())
    page.goto("/lernpfade/")
    assert page.locator("h1").inner_text() == "Lernpfade"
    assert_accessible(page, "Katalog")
    page.select_option("#level", "aufbau")
    page.locator("#training-count[role=status]", has_text="1 Lernpfad gefunden").wait_for()
    assert "Erste Schritte am PC" not in page.locator("#training-results").inner_text()
    assert "level=aufbau" in page.url
    assert_accessible(page, "Katalog nach Filter")
    assert_no_csp_errors(page)


def test_path_page_enrol_and_each_step_kind(page, factory, app):
    tree = factory.tree()
    learner = factory.user(unit=tree["sg321"])
    path = _path(kinds=("read", "link", "session", "quiz", "practice"), sequential=False)
    login(page, learner)
    page.goto(f"/lernpfade/{path.id}")
    assert_accessible(page, "Lernpfad vor der Anmeldung")
    page.get_by_role("button", name="Lernpfad beginnen").click()
    page.locator(".flash", has_text="Sie haben den Lernpfad begonnen").wait_for()
    assert page.locator("#path-progress rect.seg").count() == 0  # nothing done yet
    assert "0 von 5 Schritten erledigt" in page.locator("#path-progress").inner_text()
    assert_accessible(page, "Lernpfad nach der Anmeldung")
    for step in path.steps:
        page.goto(f"/lernpfade/{path.id}/schritte/{step.id}")
        assert_accessible(page, f"Schritt {step.kind}")
    page.goto(f"/lernpfade/{path.id}/schritte/{path.steps[0].id}")
    page.get_by_role("button", name="Gelesen – erledigt").click()
    page.locator(".flash", has_text="erledigt").wait_for()
    page.goto(f"/lernpfade/{path.id}/schritte/{path.steps[2].id}")
    page.get_by_role("button", name="Platz reservieren").click()
    page.locator(".flash", has_text="Sie sind für den Termin angemeldet").wait_for()
    assert page.locator("#places-left").inner_text() == "1 von 2"
    assert_accessible(page, "Termin nach Anmeldung")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="In meinen Kalender (iCal)").click()
    assert download_info.value.suggested_filename == f"lotse-termin-{path.steps[2].id}.ics"
    assert_no_csp_errors(page)


def test_quiz_with_a_wrong_answer_then_pass(page, factory):
    learner = factory.user()
    path = _path(kinds=("quiz",))
    learning.enrol(learner, path)
    db.session.commit()
    quiz = path.steps[0]
    login(page, learner)
    page.goto(f"/lernpfade/{path.id}/schritte/{quiz.id}")
    page.get_by_role("button", name="Antworten prüfen").click()
    page.locator(".form-error-summary").wait_for()
    assert "Bitte wählen Sie bei jeder Frage" in page.locator("#quiz-region").inner_text()
    assert_accessible(page, "Quiz ohne Antwort")
    for question in quiz.questions:
        page.get_by_role("group", name=question.text).get_by_label("Falsch").check()
    page.get_by_role("button", name="Antworten prüfen").click()
    page.locator("#quiz-result", has_text="Noch nicht bestanden").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'quiz-result'")
    assert "Darum 1." in page.locator("#quiz-region").inner_text()
    assert_accessible(page, "Quiz mit falscher Antwort")
    page.get_by_role("link", name="Noch einmal versuchen").click()
    for question in quiz.questions:
        page.get_by_role("group", name=question.text).get_by_label("Richtig").check()
    page.get_by_role("button", name="Antworten prüfen").click()
    page.locator("#quiz-result", has_text="Bestanden!").wait_for()
    assert page.locator("#step-progress rect.seg").get_attribute("data-value") == "1"  # updated out of band
    assert_accessible(page, "Quiz bestanden")


def test_completion_confirmation_is_printable(page, factory):
    learner = factory.user(name="Petra Schneider")
    path = _path(kinds=("read",))
    enrolment = learning.enrol(learner, path)
    learning.complete_step(learner, enrolment, path.steps[0])
    db.session.commit()
    login(page, learner)
    page.goto(f"/lernpfade/teilnahmen/{enrolment.id}/bestaetigung")
    assert_accessible(page, "Teilnahmebestätigung")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".certificate-name").inner_text() == "Petra Schneider"


def _wait_for_focus(page, label):
    """Focus lands on the control named `label` after the swap settled."""
    page.wait_for_function(
        "label => document.activeElement && document.activeElement.getAttribute('aria-label') === label",
        arg=label,
    )


def test_editor_reorders_steps_by_keyboard(page, factory):
    admin = factory.admin()
    path = _path(author=admin, kinds=("read", "link", "quiz"))
    titles = [s.title for s in path.steps]
    login(page, admin)
    page.goto(f"/lernpfade/{path.id}/aufbau")
    assert_accessible(page, "Editor")
    button = page.get_by_role("button", name=f"Nach oben: {titles[2]}")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".flash", has_text="steht jetzt an Position 2").wait_for()
    items = page.locator(".editor-step .editor-step-title a").all_inner_texts()
    assert items == [titles[0], titles[2], titles[1]]
    _wait_for_focus(page, f"Nach oben: {titles[2]}")
    page.keyboard.press("Enter")  # focus stayed on the moved step's button: move it again
    page.locator(".flash", has_text="steht jetzt an Position 1").wait_for()
    assert page.locator(".editor-step .editor-step-title a").all_inner_texts()[0] == titles[2]
    _wait_for_focus(page, f"Nach unten: {titles[2]}")  # "up" is disabled at the top
    assert_accessible(page, "Editor nach dem Verschieben")
    assert_no_csp_errors(page)


def test_editor_markdown_preview_with_htmx(page, factory):
    admin = factory.admin()
    path = _path(author=admin, status="draft")
    login(page, admin)
    page.goto(f"/lernpfade/{path.id}/bearbeiten")
    page.fill("#summary", "## Überblick\n\n- eins\n- zwei")
    page.get_by_role("button", name="Vorschau anzeigen").click()
    page.locator("#md-preview h2", has_text="Überblick").wait_for()
    assert page.input_value("#summary").startswith("## Überblick")
    assert_accessible(page, "Editor mit Vorschau")


def test_unit_report_and_assign_pages(page, factory):
    tree = factory.tree()
    leader = factory.user(unit=tree["d2"], roles=[("leadership", tree["d2"])])
    path = _path()
    for _ in range(6):
        learning.enrol(factory.user(unit=tree["sg321"]), path)
    db.session.commit()
    login(page, leader)
    page.goto(f"/lernpfade/bericht?path={path.id}")
    assert "SG 32.1" in page.locator("table").inner_text()
    assert_accessible(page, "Auswertung")
    page.goto(f"/lernpfade/{path.id}/zuweisen")
    page.select_option("#unit_id", str(tree["a32"].id))
    page.fill("#due_on", (clock.now() - timedelta(days=2)).date().isoformat())
    page.get_by_role("button", name="Zuweisen").click()
    page.locator(".field-error", has_text="in der Vergangenheit").wait_for()
    assert_accessible(page, "Zuweisen mit Fehler")


def test_practice_inbox_and_quiz_authoring_pages(page, factory):
    tree = factory.tree()
    learner = factory.user(unit=tree["sg321"], name="Lernende Person")
    guide = factory.user(unit=tree["a32"], roles=[("guide", tree["a32"])])
    path = _path(author=guide, kinds=("practice", "quiz"))
    enrolment = learning.enrol(learner, path)
    learning.request_practice(learner, enrolment, path.steps[0], "Vorgang angelegt")
    db.session.commit()
    login(page, guide)
    page.goto("/lernpfade/praxisnachweise")
    assert "Vorgang angelegt" in page.locator("main").inner_text()
    assert_accessible(page, "Praxisnachweise")
    page.get_by_role("button", name="Rückmeldung senden").click()
    page.locator(".field-error", has_text="Bitte schreiben Sie eine Rückmeldung").wait_for()
    assert_accessible(page, "Praxisnachweise mit Fehler")
    page.goto(f"/lernpfade/{path.id}/schritte/{path.steps[1].id}/bearbeiten")
    page.fill("#question-text", "Was ist eine E-Akte?")
    page.fill("#question-option_1", "Eine elektronische Akte")
    page.check("#question-correct_1")
    page.fill("#question-option_2", "Ein Drucker")
    page.get_by_role("button", name="Frage hinzufügen").click()
    page.locator(".flash", has_text="Die Frage wurde hinzugefügt").wait_for()
    assert "Was ist eine E-Akte?" in page.locator(".editor-questions").inner_text()
    assert_accessible(page, "Quiz bearbeiten")


def test_learning_works_without_javascript(browser, live_server, app, factory):
    learner = factory.user()
    path = _path(kinds=("read", "quiz"))
    context = browser.new_context(java_script_enabled=False, locale="de-DE", base_url=live_server)
    tab = context.new_page()
    try:
        login(tab, learner)
        tab.goto(f"/lernpfade/{path.id}")
        tab.get_by_role("button", name="Lernpfad beginnen").click()
        tab.get_by_role("link", name="Mit Schritt 1 beginnen").click()
        tab.get_by_role("button", name="Gelesen – erledigt").click()
        tab.locator("h1", has_text=path.steps[1].title).wait_for()  # on to the quiz
        tab.get_by_role("button", name="Antworten prüfen").click()
        assert "Bitte wählen Sie bei jeder Frage" in tab.locator("main").inner_text()
        for question in path.steps[1].questions:
            tab.get_by_role("group", name=question.text).get_by_label("Richtig").check()
        tab.get_by_role("button", name="Antworten prüfen").click()
        tab.locator("#quiz-result", has_text="Bestanden!").wait_for()
        tab.goto(f"/lernpfade/{path.id}")
        assert "Teilnahmebestätigung anzeigen" in tab.locator("main").inner_text()
    finally:
        context.close()
