"""Hostile input on every guides form and list: 60,000 characters in each field, huge page
numbers, ids above 2³¹, NUL bytes – never a 500, nothing stored, on both databases."""

import pytest
from sqlalchemy import func, select

from intranet.audit.models import AuditEntry
from intranet.auth.models import RoleAssignment
from intranet.extensions import db
from intranet.guides import services
from intranet.guides.models import (
    EscalationSetting,
    GuideProfile,
    Question,
    QuestionAnswer,
    QuestionEvent,
    QuestionFollow,
)

HUGE = "x" * 60_000
HUGE_NUMBER = "1" * 60_000  # int() refuses it (more than 4,300 digits)
STORED = (
    Question,
    QuestionAnswer,
    QuestionEvent,
    QuestionFollow,
    GuideProfile,
    EscalationSetting,
    RoleAssignment,
    AuditEntry,
)


def stored() -> dict:
    db.session.expire_all()
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in STORED}


def forms(org, question):
    """(who, path, valid data) for every guides form; each field is made huge in turn."""
    return [
        (
            "staff",
            "/lotsen/fragen/neu",
            {"title": "Gültige Frage", "body": "Text", "topic_id": "0", "visibility": "public"},
        ),
        ("guide", f"/lotsen/fragen/{question.id}/antwort", {"body": "Antwort", "kind": "answer"}),
        ("staff", f"/lotsen/fragen/{question.id}/nachricht", {"body": "Nachricht"}),
        (
            "guide",
            f"/lotsen/profil/{org.guide.id}",
            {"is_absent": "y", "deputy_id": str(org.other_staff.id), "topic_ids": [], "note": "Hinweis"},
        ),
        ("admin", "/lotsen/fristen", {"depth": "1", "sla_hours": "24", "warn_hours": "2"}),
        ("admin", f"/lotsen/einheiten/{org['sg321'].id}", {"email": org.other_staff.email}),
    ]


def test_60000_characters_in_any_field_of_any_form_store_nothing(org, client, login_as):
    question = services.ask(org.staff, "Vorhandene Frage", "", None, False)
    services.answer(question, org.guide, "Antwort")  # answered: suggestions would search it
    db.session.commit()
    before = stored()
    checked = 0
    for who, path, valid in forms(org, question):
        login_as(org[who])
        for name in valid:
            for value in (HUGE, HUGE_NUMBER):
                data = {**valid, name: value}
                response = client.post(path, data=data)
                assert response.status_code == 422, (path, name, response.status_code)
                assert stored() == before, (path, name)
                checked += 1
    assert checked == 2 * 15


def test_accept_with_a_huge_answer_id_changes_nothing(org, client, login_as):
    question = services.ask(org.staff, "Vorhandene Frage", "", None, False)
    services.answer(question, org.guide, "Antwort")
    db.session.commit()
    before = stored()
    login_as(org.staff)
    for value in (HUGE, HUGE_NUMBER, "99999999999999999999"):
        response = client.post(f"/lotsen/fragen/{question.id}/hat-geholfen", data={"answer_id": value})
        assert response.status_code == 303
        assert stored() == before
    assert db.session.get(Question, question.id).status == "answered"


def test_a_rejected_title_runs_no_suggestion_query(org, client, login_as):
    """A 60,000-character title was searched for suggestions although the form refused it
    (SQLite: "LIKE or GLOB pattern too complex", a 500, once there is an answered question)."""
    answered = services.ask(org.other_staff, "Eine beantwortete Frage", "", None, False)
    services.answer(answered, org.guide, "Antwort")
    db.session.commit()
    login_as(org.staff)
    response = client.post(
        "/lotsen/fragen/neu", data={"title": "a" * 60_000, "topic_id": "0", "visibility": "public"}
    )
    assert response.status_code == 422
    assert "Höchstens 200 Zeichen." in response.text
    assert stored()["Question"] == 1


def test_search_fields_with_60000_characters(org, client, login_as):
    login_as(org.staff)
    for path in (
        "/lotsen/faq?q=" + HUGE,
        "/lotsen/faq?topic=" + HUGE_NUMBER,
        "/lotsen/vorschlaege?title=" + HUGE,
        "/lotsen/posteingang?filter=" + HUGE,
        "/lotsen/verzeichnis?view=" + HUGE,
    ):
        assert client.get(path).status_code in (200, 403), path[:40]


@pytest.mark.parametrize(
    "path", ["/lotsen/", "/lotsen/faq", "/lotsen/posteingang", "/lotsen/posteingang?filter=all"]
)
def test_huge_page_numbers_show_the_last_page(org, client, login_as, path):
    for number in range(6):
        question = services.ask(org.staff, f"Frage Nummer {number}", "", None, False)
        if number % 2:  # answered ones for the FAQ, open ones for the inbox
            services.answer(question, org.guide, "Antwort")
    db.session.commit()
    login_as(org.guide if "posteingang" in path else org.staff)
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}page=99999999999999999999")
    assert response.status_code == 200
    assert "Frage Nummer" in response.text


def test_ids_above_2_to_the_31_are_not_found(org, client, login_as):
    login_as(org.admin)
    huge = 2**31
    for method, path in (
        ("GET", f"/lotsen/fragen/{huge}"),
        ("POST", f"/lotsen/fragen/{huge}/uebernehmen"),
        ("GET", f"/lotsen/profil/{huge}"),
        ("GET", f"/lotsen/einheiten/{huge}"),
        ("POST", f"/lotsen/einheiten/{huge}/lotsen/{huge}/entfernen"),
    ):
        assert client.open(path, method=method).status_code == 404, path


def test_nul_bytes_are_dropped(org, client, login_as):
    login_as(org.staff)
    response = client.post(
        "/lotsen/fragen/neu",
        data={"title": "Mit\x00NUL", "body": "A\x00B", "topic_id": "0", "visibility": "public"},
    )
    assert response.status_code == 303
    question = db.session.scalar(select(Question))
    assert (question.title, question.body) == ("MitNUL", "AB")
