"""The role × route × object matrix: helpers every feature's matrix file uses.

A case names a request and the status each actor must get. Actors:
anonymous, staff (SG 32.1), other_staff (SG 32.2), guide (Lotse of Amt 32), other_guide
(Lotse of Amt 10), leader (Leitung Dezernat 2), other_leader (Leitung Dezernat 1), admin.
Anonymous requests to protected pages expect 302 (to the login page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

ACTORS = ("anonymous", "staff", "other_staff", "guide", "other_guide", "leader", "other_leader", "admin")


@dataclass
class Case:
    name: str
    method: str
    path: str  # may contain {placeholders} filled from the scenario's ids
    expected: dict[str, int]  # actor -> status; "*" is the default for unnamed actors
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)

    def status_for(self, actor: str) -> int:
        return self.expected.get(actor, self.expected.get("*"))


@pytest.fixture
def actors(org):
    """The actors are the people of the shared test administration (`TestOrg`)."""
    return org


@pytest.fixture
def check_case(app, login_as):
    """Run one case for every actor; return a list of mismatches (empty = all as expected)."""

    def run(case: Case, actors, ids: dict) -> list[str]:
        mismatches = []
        for actor in ACTORS:
            expected = case.status_for(actor)
            if expected is None:
                continue
            client = app.test_client()
            if actor != "anonymous":
                login_as(actors[actor], client)
            path = case.path.format(**ids)
            # buffered: streamed files (exports) are read and closed inside the request.
            response = client.open(
                path, method=case.method, data=case.data, headers=case.headers, buffered=True
            )
            if response.status_code != expected:
                mismatches.append(
                    f"{case.name}: {actor} {case.method} {path} → {response.status_code}, erwartet {expected}"
                )
        return mismatches

    return run
