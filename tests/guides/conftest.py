"""A small administration with guides at several levels, for the guides tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class Org:
    tree: dict
    asker: object
    other_staff: object
    amt_guide: object
    dezernat_guide: object
    admin: object


@pytest.fixture
def org(factory) -> Org:
    """Asker in SG 32.1; guide of Amt 32; guide of Dezernat 2; no guide in SG 32.1 or at the top."""
    tree = factory.tree()
    return Org(
        tree=tree,
        asker=factory.user(name="Anna Asker", unit=tree["sg321"]),
        other_staff=factory.user(name="Otto Other", unit=tree["sg322"]),
        amt_guide=factory.user(name="Gerda Guide", unit=tree["a32"], roles=[("guide", tree["a32"])]),
        dezernat_guide=factory.user(name="Dieter Dezernat", unit=tree["d2"], roles=[("guide", tree["d2"])]),
        admin=factory.user(name="Ada Admin", unit=tree["a10"], roles=["admin"]),
    )
