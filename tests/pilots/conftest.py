"""Fixtures of the pilots tests: a pilot factory on top of the shared factories."""

from __future__ import annotations

import itertools

import pytest

from intranet.extensions import db
from intranet.pilots.models import Pilot

_numbers = itertools.count(1)


@pytest.fixture
def make_pilot(factory):
    """Create a pilot (status "open" by default) owned by a leadership person."""

    def create(owner=None, capacity: int = 3, status: str = "open", unit=None, **fields) -> Pilot:
        unit = unit or (owner.unit if owner else factory.unit())
        owner = owner or factory.user(unit=unit, roles=[("leadership", unit)])
        pilot = Pilot(
            title=fields.pop("title", f"Pilot {next(_numbers)}"),
            goal=fields.pop("goal", "Wir probieren etwas aus."),
            unit_id=unit.id,
            owner_id=owner.id,
            created_by_id=owner.id,
            capacity=capacity,
            status=status,
            confirmed_count=0,
            waitlist_seq=0,
            **fields,
        )
        db.session.add(pilot)
        db.session.commit()
        return pilot

    return create
