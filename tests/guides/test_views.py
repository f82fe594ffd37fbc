"""The guides pages through the app: plain and htmx, bad input, German messages, 422s."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.guides import services
from intranet.guides.models import Question
from intranet.notify.models import Notification

HTMX = {"HX-Request": "true"}


def ask(org, title="Wie funktioniert die E-Akte?", private=False):
    question = services.ask(org.staff, title, "Bitte **kurz** erklären.", None, private)
    db.session.commit()
    return question


def test_ask_routes_and_redirects_to_the_question(org, client, login_as):
    login_as(org.staff)
    response = client.post(
        "/lotsen/fragen/neu",
        data={"title": "Wo finde ich Vorlagen?", "body": "", "topic_id": "0", "visibility": "private"},
    )
    assert response.status_code == 303
    question = db.session.scalar(select(Question))
    assert response.headers["Location"].endswith(f"/lotsen/fragen/{question.id}")
    assert question.is_private and question.current_unit_id == org["a32"].id
    page = client.get(response.headers["Location"])
    assert "Wo finde ich Vorlagen?" in page.text and "Lotsen von Amt 32" in page.text


def test_empty_and_overlong_questions_get_german_errors_and_keep_input(org, client, login_as):
    login_as(org.staff)
    response = client.post(
        "/lotsen/fragen/neu", data={"title": "", "body": "Mein Text", "topic_id": "0", "visibility": "public"}
    )
    assert response.status_code == 422
    assert "Bitte füllen Sie dieses Feld aus." in response.text and "Mein Text" in response.text
    long_body = "x" * 20_000
    response = client.post(
        "/lotsen/fragen/neu",
        data={"title": "Titel", "body": long_body, "topic_id": "0", "visibility": "public"},
    )
    assert response.status_code == 422
    assert "Höchstens 10.000 Zeichen." in response.text
    assert 'aria-invalid="true"' in response.text
    assert db.session.scalar(select(Question)) is None


def test_unknown_topic_is_a_field_error(org, client, login_as):
    login_as(org.staff)
    response = client.post(
        "/lotsen/fragen/neu", data={"title": "Titel", "topic_id": "999999", "visibility": "public"}
    )
    assert response.status_code == 422
    assert "Dieses Thema gibt es nicht." in response.text
    response = client.post(
        "/lotsen/fragen/neu", data={"title": "Titel", "topic_id": "abc", "visibility": "public"}
    )
    assert response.status_code == 422


def test_suggestions_as_partial_and_as_page(org, client, login_as):
    question = ask(org, "Wie scanne ich Rechnungen in die E-Akte?")
    services.answer(question, org.guide, "Mit dem Scanner im Flur.")
    private = ask(org, "Private E-Akte Frage", private=True)
    services.answer(private, org.guide, "Geheim.")
    db.session.commit()
    login_as(org.other_staff)
    partial = client.get(
        "/lotsen/vorschlaege?title=Rechnungen%20scannen", headers={**HTMX, "HX-Target": "suggestions"}
    )
    assert partial.text.lstrip().startswith('<section class="card suggestions"')
    assert "<html" not in partial.text
    assert "Wie scanne ich Rechnungen" in partial.text
    page = client.get("/lotsen/vorschlaege?title=E-Akte")
    assert "<html" in page.text and "Wie scanne ich Rechnungen" in page.text
    assert "Private E-Akte Frage" not in page.text


def test_faq_search_and_topic_filter(org, client, login_as, factory):
    topic = factory.topic("Videokonferenz")
    with_topic = services.ask(org.staff, "Kamera geht nicht in der Videokonferenz", "", topic.id, False)
    other = ask(org, "Drucker druckt nicht")
    for question in (with_topic, other):
        services.answer(question, org.guide, "Neu starten.")
    ask(org, "Unbeantwortete Frage zur Kamera")
    db.session.commit()
    login_as(org.other_staff)
    text = client.get("/lotsen/faq?q=kamera").text
    assert "Kamera geht nicht" in text and "Drucker" not in text and "Unbeantwortete" not in text
    text = client.get(f"/lotsen/faq?topic={topic.id}", headers={**HTMX, "HX-Target": "faq-results"}).text
    assert text.lstrip().startswith('<div id="faq-results">') and "Kamera" in text
    assert client.get("/lotsen/faq?q=" + "a" * 5000).status_code == 200


def test_answer_accept_reopen_cycle_with_notifications(org, client, login_as):
    question = ask(org)
    login_as(org.guide)
    response = client.post(
        f"/lotsen/fragen/{question.id}/antwort", data={"body": "So geht es.", "kind": "answer"}
    )
    assert response.status_code == 303
    assert (
        db.session.scalar(
            select(Notification).where(
                Notification.user_id == org.staff.id, Notification.kind == "question_update"
            )
        )
        is not None
    )
    login_as(org.staff)
    answer_id = db.session.get(Question, question.id).answers[0].id
    assert (
        client.post(f"/lotsen/fragen/{question.id}/hat-geholfen", data={"answer_id": answer_id}).status_code
        == 303
    )
    assert db.session.get(Question, question.id).status == "solved"
    assert "hat geholfen" in client.get(f"/lotsen/fragen/{question.id}").text
    assert client.post(f"/lotsen/fragen/{question.id}/wieder-oeffnen").status_code == 303
    assert db.session.get(Question, question.id).status == "open"


def test_empty_answer_is_a_422_with_message(org, client, login_as):
    question = ask(org)
    login_as(org.guide)
    response = client.post(f"/lotsen/fragen/{question.id}/antwort", data={"body": " "})
    assert response.status_code == 422
    assert "Bitte füllen Sie dieses Feld aus." in response.text


def test_accepting_on_someone_elses_question_is_refused(org, client, login_as):
    question = ask(org)
    services.answer(question, org.guide, "Antwort")
    db.session.commit()
    login_as(org.other_staff)
    answer_id = question.answers[0].id
    response = client.post(f"/lotsen/fragen/{question.id}/hat-geholfen", data={"answer_id": answer_id})
    assert response.status_code == 403
    assert db.session.get(Question, question.id).status == "answered"


def test_answering_a_question_not_routed_to_me_is_refused(org, client, login_as, factory):
    other_guide = factory.user(unit=org["a10"], roles=[("guide", org["a10"])])
    question = ask(org)
    login_as(other_guide)
    response = client.post(f"/lotsen/fragen/{question.id}/antwort", data={"body": "Hallo"})
    assert response.status_code == 403
    assert db.session.get(Question, question.id).answers == []


def test_claim_via_htmx_and_second_claimer_gets_a_clear_message(org, client, login_as, app):
    question = ask(org)
    login_as(org.guide)
    headers = {**HTMX, "HX-Target": f"claim-{question.id}"}
    response = client.post(f"/lotsen/fragen/{question.id}/uebernehmen", headers=headers)
    assert response.status_code == 200
    assert "Von Ihnen übernommen" in response.text and "data-focus-after-swap" in response.text
    assert "notifications-changed" in response.headers["HX-Trigger"]
    second = app.test_client()
    login_as(org.dezernat_guide, second)
    response = second.post(f"/lotsen/fragen/{question.id}/uebernehmen", headers=headers)
    assert response.status_code == 409
    assert "Gerda Lotsin hat diese Frage gerade übernommen." in response.text
    response = second.post(f"/lotsen/fragen/{question.id}/uebernehmen")
    assert response.status_code == 303  # without JavaScript: back to the question, flash shown
    assert "Gerda Lotsin hat diese Frage gerade übernommen." in second.get(response.headers["Location"]).text
    assert db.session.get(Question, question.id).claimed_by_id == org.guide.id


def test_inbox_filters(org, client, login_as):
    mine, other = ask(org, "Meine Übernahme"), ask(org, "Noch offen")
    services.claim(mine, org.guide)
    db.session.commit()
    login_as(org.guide)
    assert "Noch offen" in client.get("/lotsen/posteingang").text
    text = client.get("/lotsen/posteingang?filter=mine", headers={**HTMX, "HX-Target": "inbox-results"}).text
    assert "Meine Übernahme" in text and "Noch offen" not in text
    assert client.get("/lotsen/posteingang?filter=unsinn").status_code == 200
    assert other.id


def test_guide_sets_absence_with_deputy(org, client, login_as, factory):
    deputy = factory.user(name="Vera Vertretung", unit=org["a32"])
    login_as(org.guide)
    response = client.post(
        f"/lotsen/profil/{org.guide.id}", data={"is_absent": "y", "deputy_id": "0", "note": "Urlaub"}
    )
    assert response.status_code == 422
    assert "Bitte wählen Sie eine Vertretung" in response.text and "Urlaub" in response.text
    response = client.post(
        f"/lotsen/profil/{org.guide.id}",
        data={"is_absent": "y", "deputy_id": str(deputy.id), "note": "Urlaub"},
    )
    assert response.status_code == 303
    login_as(org.staff)
    text = client.get("/lotsen/").text
    assert "abwesend" in text and "Vera Vertretung" in text


def test_escalation_settings_form(org, client, login_as):
    login_as(org.admin)
    assert client.get("/lotsen/fristen").status_code == 200
    response = client.post("/lotsen/fristen", data={"depth": "2", "sla_hours": "abc", "warn_hours": "4"})
    assert response.status_code == 422
    response = client.post("/lotsen/fristen", data={"depth": "2", "sla_hours": "24", "warn_hours": "30"})
    assert response.status_code == 422 and "Die Warnung muss vor der Frist liegen" in response.text
    response = client.post("/lotsen/fristen", data={"depth": "2", "sla_hours": "24", "warn_hours": "2"})
    assert response.status_code == 303


def test_coverage_shows_inherited_and_missing_guides(org, client, login_as):
    login_as(org.admin)
    text = client.get("/lotsen/abdeckung").text
    assert "geerbt von: Amt 32" in text  # SG 32.1 has no own guide
    assert "niemand – an die Administration" in text  # Dezernat 1 and Amt 10


def test_home_panel_shows_my_questions_and_inbox_count(org, client, login_as):
    ask(org, "Panel-Frage")
    login_as(org.staff)
    assert "Panel-Frage" in client.get("/").text
    login_as(org.guide)
    assert "1</span> offene Frage" in client.get("/").text


def test_markdown_is_sanitised_on_the_question_page(org, client, login_as):
    question = services.ask(
        org.staff,
        "XSS",
        "<script>alert(1)</script>\n\n[klick](javascript:alert(1)) <img src=x onerror=alert(1)>",
        None,
        False,
    )
    db.session.commit()
    login_as(org.other_staff)
    text = client.get(f"/lotsen/fragen/{question.id}").text
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="javascript' not in text and "<img" not in text


def test_admin_assigns_and_removes_a_guide_for_a_unit(org, client, login_as):
    from intranet.audit.models import AuditEntry

    unit = org["sg321"]
    login_as(org.admin)
    page = client.get(f"/lotsen/einheiten/{unit.id}").text
    assert "Fragen gehen an: Amt 32" in page
    response = client.post(f"/lotsen/einheiten/{unit.id}", data={"email": "niemand@test.example"})
    assert response.status_code == 422
    assert "keine aktive Person" in response.text and "niemand@test.example" in response.text
    response = client.post(f"/lotsen/einheiten/{unit.id}", data={"email": org.other_staff.email.upper()})
    assert response.status_code == 303
    question = services.ask(org.staff, "Geht jetzt an das Sachgebiet", "", None, False)
    db.session.commit()
    assert question.current_unit_id == unit.id
    again = client.post(f"/lotsen/einheiten/{unit.id}", data={"email": org.other_staff.email})
    assert again.status_code == 422 and "schon Lotsin oder Lotse" in again.text
    response = client.post(f"/lotsen/einheiten/{unit.id}/lotsen/{org.other_staff.id}/entfernen")
    assert response.status_code == 303
    assert "guide" not in db.session.get(type(org.other_staff), org.other_staff.id).roles
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "guide_assigned" in actions and "guide_removed" in actions


def test_odd_input_never_causes_a_server_error(org, client, login_as):
    question = ask(org)
    login_as(org.admin)
    for path in (
        "/lotsen/faq?topic=abc&page=-3",
        "/lotsen/faq?q=%00%27%22",
        "/lotsen/posteingang?page=x",
        "/lotsen/vorschlaege?title=" + "ä" * 3000,
        "/lotsen/verzeichnis?view=unsinn",
    ):
        assert client.get(path).status_code == 200, path
    login_as(org.staff)
    posts = [
        (f"/lotsen/fragen/{question.id}/hat-geholfen", {"answer_id": "abc"}),
        (f"/lotsen/fragen/{question.id}/hat-geholfen", {"answer_id": "99999999"}),
        (f"/lotsen/fragen/{question.id}/nachricht", {"body": "x" * 20_001}),
        (f"/lotsen/fragen/{question.id}/nachricht", {"body": "NUL\x00Byte"}),
        ("/lotsen/fragen/neu", {"title": "Mit\x00NUL", "topic_id": "0", "visibility": "public"}),
        ("/lotsen/fragen/neu", {"title": "x" * 201, "topic_id": "1e9", "visibility": "geheim"}),
    ]
    for path, data in posts:
        assert client.post(path, data=data).status_code < 500, path
    login_as(org.guide)
    response = client.post(
        f"/lotsen/profil/{org.guide.id}",
        data={"deputy_id": "abc", "topic_ids": ["x", "999"], "note": "n" * 400},
    )
    assert response.status_code == 422
    login_as(org.admin)
    assert (
        client.post("/lotsen/fristen", data={"depth": "abc", "sla_hours": "-1", "warn_hours": ""}).status_code
        == 422
    )


def test_private_question_becomes_visible_to_admins_once_it_reaches_them(org, client, login_as):
    from intranet import permissions

    question = ask(org, "Private Frage nach oben", private=True)
    assert not permissions.can_view_question(org.admin, question)
    question.current_unit_id, question.at_admins = None, True
    db.session.commit()
    login_as(org.admin)
    assert client.get(f"/lotsen/fragen/{question.id}").status_code == 200
    login_as(org.other_staff)
    assert client.get(f"/lotsen/fragen/{question.id}").status_code == 404


def test_pages_render_in_english_too(org, client, login_as, factory):
    english = factory.user(
        name="Emma English", unit=org["sg321"], locale="en", roles=["admin", ("guide", org["a32"])]
    )
    question = ask(org)
    login_as(english)
    for path in (
        "/lotsen/",
        "/lotsen/verzeichnis",
        "/lotsen/faq",
        "/lotsen/posteingang",
        f"/lotsen/fragen/{question.id}",
        "/lotsen/abdeckung",
        "/lotsen/fristen",
        f"/lotsen/einheiten/{org.tree['a32'].id}",
        "/lotsen/fragen/neu",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'lang="en"' in response.text, path


def test_a_deputy_standing_in_for_an_absent_guide_gets_the_inbox_link_in_the_header(
    org, client, login_as, factory
):
    deputy = factory.user(name="Vera Vertretung", unit=org["a32"])
    login_as(deputy)
    assert 'id="inbox-badge"' not in client.get("/lotsen/faq").text
    services.save_profile(org.guide, True, deputy.id, [], "Urlaub")
    db.session.commit()
    page = client.get("/lotsen/faq").text
    assert 'id="inbox-badge"' in page
    assert client.get("/lotsen/posteingang").status_code == 200


def test_the_ask_back_button_of_the_rendered_form_sends_an_ask_back(org, client, login_as):
    """The form a browser submits: its own fields plus the pressed button's name and value."""
    import re

    from werkzeug.datastructures import MultiDict

    question = services.ask(org.staff, "Welche Vorlage?", "", None, False)
    db.session.commit()
    login_as(org.guide)
    page = client.get(f"/lotsen/fragen/{question.id}").text
    form = page[page.index('id="answer-heading"') :]
    form = form[: form.index("</form>")]
    fields = re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)
    fields = [(name, value) for name, value in fields if name != "csrf_token"]
    response = client.post(
        f"/lotsen/fragen/{question.id}/antwort",
        data=MultiDict([*fields, ("body", "Welches Amt?"), ("kind", "ask_back")]),
    )
    assert response.status_code == 303
    assert db.session.get(Question, question.id).status == "asked_back"
