"""Lifecycle rules of decisions: scope, publishing, revisions, supersession, diffs."""

from datetime import date

import pytest
from sqlalchemy import func, select

from intranet.decisions import services
from intranet.decisions.diff import diff_field, diff_snapshots
from intranet.decisions.models import Decision, DecisionRevision
from intranet.decisions.services import DecisionError
from intranet.extensions import db
from intranet.notify.models import Notification
from tests.decisions.conftest import decision_data


def test_leader_drafts_and_publishes_with_first_revision(org, make_decision):
    decision = make_decision(publish=False)
    assert decision.status == "draft"
    assert db.session.scalar(select(func.count(DecisionRevision.id))) == 0
    services.publish_decision(org["leader"], decision)
    db.session.commit()
    assert decision.status == "decided" and decision.published_at is not None
    revision = db.session.scalar(select(DecisionRevision))
    assert (revision.number, revision.kind, revision.author_id) == (1, "publish", org["leader"].id)
    assert revision.snapshot["title"] == "Einführung der E-Akte im Amt 32"
    assert revision.snapshot["alternatives"] == "Weiter mit Papier: Zu langsam"


def test_leader_of_dezernat_2_cannot_publish_for_dezernat_1(org):
    with pytest.raises(DecisionError) as error:
        services.create_decision(org["leader"], decision_data(org["d1"]))
    assert error.value.field == "unit_id"
    with pytest.raises(DecisionError) as error:
        services.create_decision(org["leader"], decision_data(org["d2"], [org["a10"]]))
    assert error.value.field == "affected_unit_ids"


def test_staff_cannot_create_decisions(org):
    with pytest.raises(DecisionError):
        services.create_decision(org["staff"], decision_data(org["sg321"]))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rationale": "  "}, "rationale"),
        ({"affected_unit_ids": []}, "affected_unit_ids"),
        ({"summary": ""}, "summary"),
        ({"effective_date": None}, "effective_date"),
        ({"effective_date": date(2026, 10, 1)}, "effective_date"),
    ],
)
def test_publishing_needs_the_essentials(org, overrides, field):
    decision = services.create_decision(org["leader"], decision_data(org["d2"], **overrides))
    with pytest.raises(DecisionError) as error:
        services.publish_decision(org["leader"], decision, decision_data(org["d2"], **overrides))
    assert error.value.field == field
    assert decision.status == "draft"


def test_early_effective_date_is_accepted_when_confirmed(org):
    data = decision_data(org["d2"], effective_date=date(2026, 10, 1), confirm_early_effective=True)
    decision = services.create_decision(org["leader"], data)
    services.publish_decision(org["leader"], decision, data)
    assert decision.status == "decided"


def test_editing_a_published_decision_needs_a_reason_and_writes_a_revision(org, make_decision):
    decision = make_decision()
    changed = decision_data(org["d2"], [org["a32"]], rationale="Neue Begründung.")
    with pytest.raises(DecisionError) as error:
        services.update_decision(org["leader"], decision, changed, reason="  ")
    assert error.value.field == "reason"
    revision = services.update_decision(org["leader"], decision, changed, reason="Tippfehler")
    db.session.commit()
    assert (revision.number, revision.reason, revision.is_substantive) == (2, "Tippfehler", False)
    assert decision.rationale == "Neue Begründung."
    assert decision.revision_count == 2


def test_drafts_are_edited_without_revisions(org, make_decision):
    decision = make_decision(publish=False)
    assert (
        services.update_decision(org["leader"], decision, decision_data(org["d2"], title="Neuer Titel"))
        is None
    )
    assert decision.title == "Neuer Titel"


def test_followers_hear_about_revisions_but_not_the_author(org, make_decision, factory):
    decision = make_decision()
    reader = factory.user(unit=org["sg322"])
    from intranet.decisions.engagement import set_following

    set_following(reader, decision, True)
    services.update_decision(
        org["leader"], decision, decision_data(org["d2"], [org["a32"]]), reason="Ergänzt"
    )
    db.session.commit()
    recipients = set(
        db.session.scalars(select(Notification.user_id).where(Notification.kind == "decision.changed"))
    )
    assert recipients == {reader.id}


def test_status_moves_on_with_reason(org, make_decision):
    decision = make_decision()
    with pytest.raises(DecisionError) as error:
        services.change_status(org["leader"], decision, "implemented", "")
    assert error.value.field == "reason"
    services.change_status(org["leader"], decision, "implemented", "Alle Ämter umgestellt")
    assert decision.status == "implemented"
    with pytest.raises(DecisionError):
        services.change_status(org["leader"], decision, "decided", "zurück")


def test_superseding_links_both_ways_and_refuses_self_and_cycles(org, make_decision):
    old = make_decision(title="Homeoffice-Regelung 2024")
    new = make_decision(title="Homeoffice-Regelung 2026")
    with pytest.raises(DecisionError) as error:
        services.change_status(org["leader"], old, "superseded", "neu", old)
    assert "selbst" in str(error.value.message)
    with pytest.raises(DecisionError) as error:
        services.change_status(org["leader"], old, "superseded", "neu", None)
    assert error.value.field == "successor_id"
    services.change_status(org["leader"], old, "superseded", "Neue Regelung", new)
    db.session.commit()
    assert old.superseded_by is new and new.supersedes == [old]
    # new -> newest is fine; newest -> old would close the circle old -> new -> newest -> old.
    newest = make_decision(title="Homeoffice-Regelung 2027")
    services.change_status(org["leader"], new, "superseded", "Noch neuer", newest)
    cycle_target = make_decision(title="Zirkel")
    cycle_target.superseded_by = old  # a hand-made link, to test the walk up the chain
    db.session.flush()
    with pytest.raises(DecisionError) as error:
        services.change_status(org["leader"], newest, "superseded", "Kreis", cycle_target)
    assert "Kreis" in str(error.value.message)


def test_cannot_supersede_with_a_draft(org, make_decision):
    decision = make_decision()
    draft = make_decision(publish=False, title="Entwurf")
    with pytest.raises(DecisionError) as error:
        services.change_status(org["leader"], decision, "superseded", "x", draft)
    assert "veröffentlicht" in str(error.value.message)


def test_decisions_are_never_deleted(org, make_decision):
    decision = make_decision()
    services.change_status(org["leader"], decision, "revoked", "Hat sich erledigt")
    db.session.commit()
    assert db.session.get(Decision, decision.id).status == "revoked"
    assert not hasattr(services, "delete_decision")


def test_word_diff_marks_only_the_changed_words():
    segments = diff_field("Ab März gilt die E-Akte.", "Ab April gilt die E-Akte.")
    assert ("delete", "März") in segments and ("insert", "April") in segments
    assert segments[0] == ("equal", "Ab ")


def test_snapshot_diff_lists_changed_fields_in_reading_order(org, make_decision):
    decision = make_decision()
    before = services.snapshot(decision)
    services.update_decision(
        org["leader"],
        decision,
        decision_data(org["d2"], [org["a32"]], title="E-Akte ab April", effective_date=date(2027, 4, 1)),
        reason="Verschoben",
    )
    changes = diff_snapshots(before, services.snapshot(decision))
    assert [change.label for change in changes] == ["Titel", "Gilt ab"]
