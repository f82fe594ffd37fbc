"""Helpers for the decision register's tests: a small org with leaders, and published decisions."""

from __future__ import annotations

from datetime import date

import pytest

from intranet.decisions import services
from intranet.decisions.services import DecisionData
from intranet.extensions import db


def decision_data(unit, affected=None, **overrides) -> DecisionData:
    values = dict(
        title="Einführung der E-Akte im Amt 32",
        unit_id=unit.id,
        summary="Ab März arbeiten Sie mit der E-Akte statt mit Papierakten.",
        context="Papierakten sind schwer zu teilen.",
        decision_text="Wir führen die E-Akte ein.",
        rationale="Schnellere Bearbeitung und weniger Papier.",
        consequences="Schulungen im Februar.",
        decided_by="Verwaltungskonferenz",
        consulted="Personalrat, IT",
        works_council_involved=True,
        decided_on=date(2026, 11, 1),
        effective_date=date(2027, 3, 1),
        affected_unit_ids=[u.id for u in (affected or [unit])],
        alternatives=[("Weiter mit Papier", "Zu langsam")],
    )
    values.update(overrides)
    return DecisionData(**values)


@pytest.fixture
def org(factory):
    """The standard test tree with a leader of Dezernat 2 and one of Dezernat 1."""
    tree = factory.tree()
    tree["leader"] = factory.user(name="Leitung Zwei", unit=tree["d2"], roles=[("leadership", tree["d2"])])
    tree["other_leader"] = factory.user(
        name="Leitung Eins", unit=tree["d1"], roles=[("leadership", tree["d1"])]
    )
    tree["staff"] = factory.user(name="Sabine Sachbearbeiterin", unit=tree["sg321"])
    return tree


@pytest.fixture
def make_decision(org):
    """Create (and by default publish) a decision of Dezernat 2's leader; committed."""

    def make(publish: bool = True, leader=None, unit=None, affected=None, **overrides):
        leader = leader or org["leader"]
        unit = unit or org["d2"]
        decision = services.create_decision(
            leader, decision_data(unit, affected or [org["a32"]], **overrides)
        )
        if publish:
            services.publish_decision(leader, decision)
        db.session.commit()
        return decision

    return make
