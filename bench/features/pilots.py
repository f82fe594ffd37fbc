"""Pilot projects at Landkreis scale: 150 pilots, 4,000 sign-ups with waitlists, 300 dates."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bench.context import BenchContext, BenchPage
from intranet import clock
from intranet.extensions import db
from intranet.pilots.models import STATUSES, Pilot, PilotDate, PilotSignup

PILOTS, SIGNUPS = 150, 4000


def seed(ctx: BenchContext) -> None:
    """150 pilots in every status; sign-ups confirmed up to capacity, the rest waitlisted."""
    now, rng = clock.now(), ctx.rng
    leader, staff = ctx.role_user_ids["leader"], ctx.role_user_ids["staff"]
    units = ctx.unit_ids_by_level.get(2) or ctx.all_unit_ids()
    ctx.bulk_insert(
        Pilot,
        [
            {
                "title": f"Pilotprojekt {n + 1}: {rng.choice(['E-Akte', 'Video', 'Tablets', 'XRechnung'])}",
                "goal": "Ausprobieren, ob es im Alltag hilft.",
                "description": "Beschreibung. " * 40,
                "requirements": "Zwei Stunden pro Woche.",
                "unit_id": rng.choice(units),
                "owner_id": leader if n % 10 == 0 else rng.choice(ctx.user_ids),
                "created_by_id": leader,
                "status": STATUSES[n % len(STATUSES)],
                "starts_on": (now + timedelta(days=n - 75)).date(),
                "ends_on": (now + timedelta(days=n + 15)).date(),
                "signup_deadline": None,
                "is_signup_closed": False,
                "required_path_id": None,
                "capacity": rng.randint(5, 40),
                "confirmed_count": 0,
                "waitlist_seq": 0,
                "results_summary": "Gelernt. " * 30 if n % 5 == 4 else "",
                "results_worked": "",
                "results_not_worked": "",
                "results_recommendation": "",
                "results_published_at": now if n % 5 == 4 else None,
                "result_decision_id": None,
                "result_path_id": None,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(PILOTS)
        ],
    )
    pilots = db.session.execute(select(Pilot.id, Pilot.capacity).order_by(Pilot.id)).all()
    ctx.bulk_insert(
        PilotDate,
        [
            {
                "pilot_id": pilot.id,
                "title": title,
                "location": "Raum 1",
                "starts_at": now + timedelta(days=offset),
                "ends_at": now + timedelta(days=offset, hours=2),
            }
            for pilot in pilots
            for title, offset in (("Auftakt", 7), ("Bilanz", 60))
        ],
    )
    per_pilot = SIGNUPS // PILOTS + 1
    rows, counters = [], {}
    for pilot in pilots:
        people = rng.sample(ctx.user_ids, per_pilot)
        if pilot.id == pilots[0].id and staff not in people:
            people[-1] = staff  # the measured person waits on the first pilot's list
        for rank, user_id in enumerate(people[: SIGNUPS - len(rows)]):
            waiting = rank >= pilot.capacity
            rows.append(
                {
                    "pilot_id": pilot.id,
                    "user_id": user_id,
                    "status": "waitlisted" if waiting else "confirmed",
                    "waitlist_position": rank - pilot.capacity + 1 if waiting else None,
                    "motivation": "Ich mache gern mit, weil es mir die Arbeit erleichtert.",
                    "removal_reason": "",
                    "created_at": now - timedelta(minutes=per_pilot - rank),
                    "confirmed_at": None if waiting else now,
                }
            )
            counters[pilot.id] = (min(rank + 1, pilot.capacity), max(rank + 1 - pilot.capacity, 0))
    ctx.bulk_insert(PilotSignup, rows)
    for pilot_id, (confirmed, waiting) in counters.items():
        db.session.execute(
            db.update(Pilot)
            .where(Pilot.id == pilot_id)
            .values(confirmed_count=confirmed, waitlist_seq=waiting)
        )
    ctx.store["pilot"] = pilots[0].id


def pages(ctx: BenchContext) -> list[BenchPage]:
    pilot = ctx.store.get("pilot", 1)
    return [
        BenchPage("Pilotprojekte: Liste", "/pilotprojekte/", "staff"),
        BenchPage("Pilotprojekte: Liste gefiltert", "/pilotprojekte/?open_only=y", "staff"),
        BenchPage("Pilotprojekte: Pilotseite", f"/pilotprojekte/{pilot}", "staff"),
        BenchPage("Pilotprojekte: Verwaltung", f"/pilotprojekte/{pilot}/teilnehmende", "leader"),
        BenchPage("Pilotprojekte: Was haben wir gelernt?", "/pilotprojekte/gelernt", "staff"),
    ]
