"""What the benchmark seed hands to each feature's bench module."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import insert

from intranet.extensions import db


@dataclass(frozen=True)
class BenchPage:
    """One page to measure: a name for the table, the path, and who is signed in."""

    name: str
    path: str
    role: str | None = "staff"  # staff, guide, leader, admin, or None (anonymous)
    headers: tuple[tuple[str, str], ...] = ()  # extra request headers, e.g. an API token


@dataclass
class BenchContext:
    """Seeding state shared by the foundation and every feature's `bench/features/<f>.py`.

    unit_ids_by_level: 0 = top, 1 = Dezernate, 2 = Ämter, 3 = Sachgebiete, 4 = Teams.
    emails: the four signed-in roles the pages are measured with (password "bench").
    store: features put ids here in seed() that their pages() need.
    """

    rng: random.Random
    unit_ids_by_level: dict[int, list[int]] = field(default_factory=dict)
    user_ids: list[int] = field(default_factory=list)
    user_unit: dict[int, int] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    role_user_ids: dict[str, int] = field(default_factory=dict)
    store: dict = field(default_factory=dict)
    unit_members: dict[int, list[int]] = field(default_factory=dict)

    @property
    def session(self):
        return db.session

    def bulk_insert(self, model, rows: list[dict], chunk: int = 5000) -> None:
        """Fast multi-row INSERT (executemany) without ORM objects."""
        for start in range(0, len(rows), chunk):
            db.session.execute(insert(model), rows[start : start + chunk])

    def all_unit_ids(self) -> list[int]:
        return [
            unit_id for level in sorted(self.unit_ids_by_level) for unit_id in self.unit_ids_by_level[level]
        ]
