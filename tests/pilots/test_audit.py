"""Every owner action writes its audit entry in the service, in the same transaction: a view,
a job or a script that calls the service cannot forget it, and a rollback takes it back."""

from datetime import date, time

import pytest
from sqlalchemy import select

from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.pilots import queries, services, signups
from intranet.pilots.errors import PilotError


def _entries():
    return db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def _data(org, **changes):
    return {"title": "E-Akte", "goal": "Ohne Papier", "unit_id": org["a32"].id, "capacity": 1, **changes}


def test_each_owner_action_is_audited_when_the_service_is_called_directly(org):
    owner, first, second = org.leader, org.staff, org.other_staff
    pilot = services.create_pilot(owner, _data(org))
    services.update_pilot(pilot, owner, _data(org, title="E-Akte im Bürgerbüro"))
    services.change_status(pilot, owner, "open")
    signups.sign_up(pilot, first, "")
    signups.sign_up(pilot, second, "")
    signups.change_capacity(pilot, owner, 2)
    signups.set_signup_closed(pilot, owner, True)
    signups.set_signup_closed(pilot, owner, False)
    services.message_participants(pilot, owner, "Treffen um 9 Uhr", include_waitlist=True)
    item = services.add_date(pilot, owner, "Auftakt", date(2026, 7, 1), time(9), time(10), "")
    services.delete_date(pilot, owner, item)
    signups.remove(pilot, queries.signup_of(pilot, first), owner, "Doppelt angemeldet")
    services.change_status(pilot, owner, "running")
    services.change_status(pilot, owner, "evaluation")
    services.publish_results(pilot, owner, {"summary": "Es hat geklappt."})
    db.session.commit()

    entries = _entries()
    assert [entry.action for entry in entries] == [
        "pilot_created",
        "pilot_updated",
        "pilot_status_changed",
        "pilot_capacity_changed",
        "pilot_signup_closed",
        "pilot_signup_reopened",
        "pilot_message_sent",
        "pilot_date_added",
        "pilot_date_deleted",
        "pilot_participant_removed",
        "pilot_status_changed",
        "pilot_status_changed",
        "pilot_results_published",
    ]
    assert {(e.actor_id, e.object_type, e.object_id) for e in entries} == {(owner.id, "Pilot", pilot.id)}
    by_action = {entry.action: entry for entry in entries}
    assert by_action["pilot_capacity_changed"].details == {"capacity": 2, "promoted": 1}
    assert by_action["pilot_message_sent"].details == {"recipients": 2}
    assert by_action["pilot_created"].summary == "E-Akte"
    assert by_action["pilot_updated"].summary == "E-Akte im Bürgerbüro"


def test_signing_up_and_withdrawing_are_not_owner_actions(org, make_pilot):
    pilot = make_pilot(owner=org.leader)
    signups.sign_up(pilot, org.staff, "")
    signups.withdraw(pilot, org.staff)
    db.session.commit()
    assert _entries() == []


def test_the_audit_entry_goes_with_the_transaction(org, make_pilot):
    pilot = make_pilot(owner=org.leader)
    services.change_status(pilot, org.leader, "running")
    db.session.rollback()
    with pytest.raises(PilotError):
        services.change_status(pilot, org.leader, "done")
    db.session.rollback()
    assert _entries() == []
