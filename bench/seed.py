"""Landkreis-scale data: ~150 units in 5 levels, 3,000 users, then every feature's data."""

from __future__ import annotations

import importlib
import random

from bench.context import BenchContext
from intranet.auth.models import RoleAssignment, User
from intranet.auth.passwords import hash_password
from intranet.demo.names import FIRST_NAMES, LAST_NAMES, email_for
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

USERS = 3000
BENCH_PASSWORD = "bench"  # noqa: S105 - throwaway benchmark data
LEVELS = [
    ("verwaltung", 1, "Landratsamt Benchheim"),
    ("dezernat", 5, "Dezernat"),
    ("amt", 6, "Amt"),
    ("sachgebiet", 3, "SG"),
    ("team", None, "Team"),
]


def feature_modules():
    """Every feature's benchmark module, in feature order (declared as `bench=` in feature.py)."""
    from intranet import features

    return [importlib.import_module(name) for name in features.bench_modules()]


def seed_foundation(ctx: BenchContext) -> None:
    rng = ctx.rng
    topics = [
        "E-Akte",
        "Videokonferenz",
        "Datenschutz",
        "IT-Sicherheit",
        "Fachverfahren",
        "Onlinezugang (OZG)",
        "Mobiles Arbeiten",
        "Office und Zusammenarbeit",
    ]
    db.session.add_all(Topic(name=name) for name in topics)
    root = OrgUnit(name=LEVELS[0][2], kind="verwaltung")
    db.session.add(root)
    db.session.flush()
    ctx.unit_ids_by_level = {0: [root.id]}
    parents = [root]
    for level, (kind, per_parent, label) in enumerate(LEVELS[1:], start=1):
        created = []
        for parent_index, parent in enumerate(parents):
            count = per_parent if per_parent else (1 if parent_index % 4 == 0 else 0)
            for index in range(count):
                number = len(created) + 1
                created.append(OrgUnit(name=f"{label} {number}", kind=kind, parent=parent))
                del index
        db.session.add_all(created)
        db.session.flush()
        ctx.unit_ids_by_level[level] = [unit.id for unit in created]
        parents = created
    password_hash = hash_password(BENCH_PASSWORD)
    leaf_units = ctx.unit_ids_by_level[3] + ctx.unit_ids_by_level[4]
    all_units = ctx.all_unit_ids()
    rows = []
    for number in range(1, USERS + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        unit_id = rng.choice(leaf_units) if number % 10 else rng.choice(all_units)
        rows.append(
            {
                "email": email_for(first, last, number, "bench.example"),
                "name": f"{first} {last}",
                "password_hash": password_hash,
                "unit_id": unit_id,
                "locale": "de",
                "session_nonce": f"n{number}",
                "email_preference": "off",
            }
        )
    ctx.bulk_insert(User, rows)
    users = db.session.execute(db.select(User.id, User.unit_id, User.email).order_by(User.id)).all()
    ctx.user_ids = [user.id for user in users]
    ctx.user_unit = {user.id: user.unit_id for user in users}
    # Role holders: a guide for every Amt and Dezernat, leadership for each Dezernat.
    assignments = []
    by_unit: dict[int, list[int]] = {}
    for user in users:
        by_unit.setdefault(user.unit_id, []).append(user.id)
    ctx.unit_members = by_unit
    amt_ids = ctx.unit_ids_by_level[2]
    for level in (1, 2):
        for unit_id in ctx.unit_ids_by_level[level]:
            holder = rng.choice(ctx.user_ids)
            assignments.append({"user_id": holder, "role": "guide", "unit_id": unit_id})
            if level == 1:
                assignments.append(
                    {"user_id": rng.choice(ctx.user_ids), "role": "leadership", "unit_id": unit_id}
                )
    ctx.bulk_insert(RoleAssignment, assignments)
    staff = next(uid for uid in ctx.user_ids if ctx.user_unit[uid] in ctx.unit_ids_by_level[3])
    guide = next(a["user_id"] for a in assignments if a["role"] == "guide" and a["unit_id"] in amt_ids)
    leader = next(a["user_id"] for a in assignments if a["role"] == "leadership")
    admin = ctx.user_ids[-1]
    db.session.add(RoleAssignment(user_id=admin, role="admin", unit_id=None))
    ctx.role_user_ids = {"staff": staff, "guide": guide, "leader": leader, "admin": admin}
    emails = {user.id: user.email for user in users}
    ctx.emails = {role: emails[user_id] for role, user_id in ctx.role_user_ids.items()}
    db.session.flush()


def seed_all(seed: int = 42) -> BenchContext:
    ctx = BenchContext(rng=random.Random(seed))  # noqa: S311 - benchmark data
    seed_foundation(ctx)
    db.session.commit()
    for module in feature_modules():
        module.seed(ctx)
        db.session.commit()
    return ctx
