"""Erasure of a person (DSGVO Art. 17): preview, what goes, what stays, and what is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.auth.privacy import FORMER_STAFF
from intranet.extensions import db
from intranet.feedback.models import FeedbackPost
from intranet.guides.privacy import REMOVED_ANSWER
from intranet.pilots.models import Pilot
from intranet.privacy import erasure
from intranet.training.assignments import _raw_counts
from tests.privacy.conftest import EMAIL, IP, NAME, PRIVATE_TEXTS, export


def dump_text() -> str:
    """Every value in every table, as one string."""
    return "\n".join(
        repr(tuple(row)) for table in db.metadata.sorted_tables for row in db.session.execute(select(table))
    )


def test_the_detector_sees_the_person_before_erasure(rich_person):
    """Control: without erasure, the dump contains every private text, the name, e-mail and IP."""
    text = dump_text()
    for value in (NAME, EMAIL, IP, *PRIVATE_TEXTS):
        assert value in text


FEEDBACK = "Feedback & Fehlerkultur (nur Beiträge mit Namen)"


def expected_after(before: dict, delete_contributions: bool) -> dict:
    """What the preview promises: personal data gone; public content (unless its deletion was
    asked for) and the rows behind counters and per-unit figures stay, without name or text."""
    guides = [row for row in before["Lotsen & Fragen"] if row["Sichtbarkeit"] != "privat"]
    feedback = [row for row in before[FEEDBACK] if row["Art"] != "Betrifft mich auch"]
    decisions = [row for row in before["Entscheidungen"] if row["Art"] != "Folgen"]
    if delete_contributions:
        guides = [{**row, "Text": REMOVED_ANSWER} for row in guides if row["Art"] == "Antwort"]
        feedback = []
        decisions = [row for row in decisions if row["Art"] != "Frage"]
    return {
        "Benachrichtigungen": [],
        "Zugangsschlüssel für Feeds, Kalender und API": [],
        "Entscheidungen": decisions,
        FEEDBACK: feedback,
        "Lernpfade": before["Lernpfade"],
        "Lotsen & Fragen": guides,
        # Only the place in the finished pilot stays (it is counted), without the motivation.
        "Pilotprojekte": [{**before["Pilotprojekte"][0], "Begründung": ""}],
    }


@pytest.mark.parametrize("delete_contributions", [False, True], ids=["keep", "delete"])
def test_what_my_data_listed_is_gone_after_erasure(rich_person, client, login_as, org, delete_contributions):
    person = rich_person["person"]
    before = export(person)
    assert all(before.values()), {title: len(rows) for title, rows in before.items()}
    assert before["Pilotprojekte"][0]["Pilotprojekt"] == "Pilot done"
    support_count = rich_person["other_post"].support_count
    confirmed = db.session.get(Pilot, rich_person["done_pilot"].id).confirmed_count
    path = rich_person["path"]
    training_counts = _raw_counts(path.id, {org["sg321"].id}, path.created_at.date())

    login_as(org.admin)
    data = {"confirm": "y", "delete_contributions": "1" if delete_contributions else ""}
    response = client.post(f"/verwaltung/personen/{person.id}/loeschen", data=data)
    assert response.status_code == 303

    person = db.session.get(User, person.id)
    after = export(person)
    account = after.pop("Konto")
    assert [(row["Name"], row["Rollen"]) for row in account] == [(FORMER_STAFF, "–")]
    assert EMAIL not in repr(account)
    log = after.pop("Protokoll (Sicherheit und Verwaltung)")
    assert [row["Aktion"] for row in log] == ["person_erased"]
    assert after == expected_after(before, delete_contributions)
    text = dump_text()
    for value in (NAME, EMAIL, IP, *PRIVATE_TEXTS):
        assert value not in text, value
    # Aggregates unchanged.
    assert db.session.get(FeedbackPost, rich_person["other_post"].id).support_count == support_count
    assert db.session.get(Pilot, rich_person["done_pilot"].id).confirmed_count == confirmed
    assert _raw_counts(path.id, {org["sg321"].id}, path.created_at.date()) == training_counts
    # The audit entry records the erasure, not the erased data.
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "person_erased"))
    assert entry.actor_id == org.admin.id and entry.object_id == person.id
    assert NAME not in repr((entry.summary, entry.details)) and EMAIL not in repr(
        (entry.summary, entry.details)
    )
    assert not person.is_active_account and person.password_hash is None


def test_public_content_stays_under_former_staff(rich_person, client, login_as, org):
    erasure.erase_person(org.admin, rich_person["person"])
    db.session.commit()
    login_as(org.staff)
    page = client.get(f"/feedback/{rich_person['post'].id}").get_data(as_text=True)
    assert "Benannter Beitrag von Erika" in page
    assert FORMER_STAFF in page and NAME not in page


def test_preview_shows_exactly_what_the_erasure_does(rich_person, client, login_as, org):
    person = rich_person["person"]
    login_as(org.admin)
    page = client.get(f"/verwaltung/personen/{person.id}/loeschen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Private Fragen mit allen Antworten gelöscht" in html
    previewed = [(str(e.what), e.count) for e in erasure.preview(org.admin, person)]
    # The preview changed nothing.
    assert db.session.get(User, person.id).name == NAME
    assert PRIVATE_TEXTS[0] in dump_text()
    done = [(str(e.what), e.count) for e in erasure.erase_person(org.admin, person)]
    assert previewed == done


def test_delete_contributions_on_request(rich_person, client, login_as, org):
    person, post_id = rich_person["person"], rich_person["post"].id
    login_as(org.admin)
    page = client.get(f"/verwaltung/personen/{person.id}/loeschen?beitraege=y")
    assert "mit Löschung der Beiträge" in page.get_data(as_text=True)
    response = client.post(
        f"/verwaltung/personen/{person.id}/loeschen", data={"confirm": "y", "delete_contributions": "1"}
    )
    assert response.status_code == 303
    assert db.session.get(FeedbackPost, post_id) is None
    other = db.session.get(FeedbackPost, rich_person["other_post"].id)
    assert other.comment_count == 0 and other.support_count == 1
    assert "Wie scanne ich in die E-Akte?" not in dump_text()


def test_without_confirmation_nothing_happens(rich_person, client, login_as, org):
    login_as(org.admin)
    response = client.post(f"/verwaltung/personen/{rich_person['person'].id}/loeschen", data={})
    assert response.status_code == 422
    assert "Bitte bestätigen Sie" in response.get_data(as_text=True)
    assert db.session.get(User, rich_person["person"].id).name == NAME


def test_unknown_person_is_404(client, login_as, org):
    login_as(org.admin)
    assert client.get("/verwaltung/personen/987654/loeschen").status_code == 404
    assert client.post("/verwaltung/personen/987654/loeschen", data={"confirm": "y"}).status_code == 404


def test_the_last_admin_cannot_be_erased(client, login_as, org):
    """Through the page only an admin can ask, so the last admin meets the self-erasure rule
    there; the purge job (no actor) meets the last-admin rule. Nothing changes either way."""
    admin = org.admin
    login_as(admin)
    response = client.post(f"/verwaltung/personen/{admin.id}/loeschen", data={"confirm": "y"})
    assert response.status_code == 422
    assert "Sie können Ihr eigenes Konto nicht löschen" in response.get_data(as_text=True)
    with pytest.raises(erasure.ErasureError) as refused:
        erasure.erase_person(None, admin)
    assert "einzige in der Administration" in str(refused.value.message)
    db.session.rollback()
    assert db.session.get(User, admin.id).name == admin.name and "admin" in admin.roles
    assert (
        db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "person_erased")) == 0
    )


def test_an_admin_can_be_erased_while_another_remains(client, login_as, org, factory):
    second = factory.admin(name="Zweite Admina")
    login_as(org.admin)
    assert client.post(f"/verwaltung/personen/{second.id}/loeschen", data={"confirm": "y"}).status_code == 303
    assert db.session.get(User, second.id).name == FORMER_STAFF


def test_erasing_twice_is_refused_with_a_message(rich_person, client, login_as, org):
    person = rich_person["person"]
    login_as(org.admin)
    assert client.post(f"/verwaltung/personen/{person.id}/loeschen", data={"confirm": "y"}).status_code == 303
    entries = db.session.scalar(select(func.count(AuditEntry.id)))
    again = client.post(f"/verwaltung/personen/{person.id}/loeschen", data={"confirm": "y"})
    assert again.status_code == 422
    assert "bereits gelöscht" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AuditEntry.id))) == entries
    assert "bereits gelöscht" in client.get(f"/verwaltung/personen/{person.id}/loeschen").get_data(
        as_text=True
    )


def test_an_erased_account_cannot_be_reactivated(rich_person, client, login_as, org):
    person = rich_person["person"]
    erasure.erase_person(org.admin, person)
    db.session.commit()
    login_as(org.admin)
    response = client.post(f"/verwaltung/personen/{person.id}/reaktivieren")
    assert response.status_code == 303
    assert not db.session.get(User, person.id).is_active_account
