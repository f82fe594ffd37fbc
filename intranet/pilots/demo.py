"""Demo pilots: ten pilots in every status, one full with a waitlist, two with results."""

from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from intranet import clock
from intranet.auth.models import User
from intranet.extensions import db
from intranet.pilots import services, signups
from intranet.pilots.models import Pilot

MOTIVATIONS = [
    "Ich arbeite jeden Tag mit dem Verfahren und möchte helfen, es besser zu machen.",
    "Mein Team wartet schon lange darauf – ich probiere es gern als Erste aus.",
    "Ich bin neugierig und habe etwas Zeit in den nächsten Wochen.",
    "",
    "Ich habe im letzten Pilot schon mitgemacht und fand es hilfreich.",
]

# title, goal, status, capacity, sign-ups, owner e-mail, with results
PILOTS = [
    (
        "E-Akte im Bürgerbüro",
        "Anträge im Bürgerbüro ohne Papier bearbeiten und ablegen.",
        "open",
        8,
        12,
        "leitung@lotse.example",
        False,
    ),
    (
        "Videosprechstunde im Jugendamt",
        "Beratungsgespräche auch per Video anbieten.",
        "open",
        10,
        4,
        "leitung@lotse.example",
        False,
    ),
    (
        "Digitaler Posteingang im Ordnungsamt",
        "Eingehende Briefe scannen und digital verteilen.",
        "open",
        6,
        2,
        "lotse@lotse.example",
        False,
    ),
    (
        "Tablets im Außendienst",
        "Kontrollen vor Ort direkt auf dem Tablet dokumentieren.",
        "planned",
        12,
        0,
        "leitung@lotse.example",
        False,
    ),
    (
        "KI-Assistent für Bürgeranfragen",
        "Prüfen, ob ein Assistent Standardfragen gut beantwortet.",
        "planned",
        5,
        0,
        "admin@lotse.example",
        False,
    ),
    (
        "Online-Terminvergabe Zulassungsstelle",
        "Wartezeiten durch feste Online-Termine senken.",
        "running",
        8,
        8,
        "leitung@lotse.example",
        False,
    ),
    (
        "XRechnung in der Kreiskasse",
        "Rechnungen elektronisch empfangen und prüfen.",
        "running",
        10,
        7,
        "admin@lotse.example",
        False,
    ),
    (
        "Digitale Personalakte",
        "Personalakten digital führen, mit klaren Zugriffsrechten.",
        "evaluation",
        6,
        6,
        "leitung@lotse.example",
        False,
    ),
    (
        "Papierlose Kreistagssitzungen",
        "Sitzungsunterlagen nur noch digital bereitstellen.",
        "done",
        15,
        14,
        "leitung@lotse.example",
        True,
    ),
    (
        "Chat-Werkzeug für Teams",
        "Kurze Abstimmungen im Chat statt per E-Mail.",
        "done",
        20,
        18,
        "admin@lotse.example",
        True,
    ),
]

RESULTS = {
    "summary": "Der Pilot hat gezeigt, dass es funktioniert, wenn alle gut vorbereitet sind.",
    "worked": "- Kurze Schulung vorab\n- Feste Ansprechperson im Team\n- Wöchentliche Rückmeldung",
    "not_worked": "- Ältere Geräte waren zu langsam\n- Am Anfang fehlten klare Regeln",
    "recommendation": "Schrittweise in allen Ämtern einführen, mit Lotsinnen und Lotsen vor Ort.",
}


def seed() -> str:
    """Idempotent: creates the demo pilots once."""
    if db.session.scalar(select(Pilot.id).limit(1)) is not None:
        return "Pilotprojekte schon vorhanden – übersprungen."
    owners = {
        user.email: user
        for user in db.session.scalars(select(User).where(User.email.in_({spec[5] for spec in PILOTS})))
    }
    staff_member = db.session.scalar(select(User).where(User.email == "mitarbeiterin@lotse.example"))
    if len(owners) < 3 or staff_member is None:
        return "Keine Demo-Organisation – übersprungen."
    rng = random.Random(5)  # noqa: S311 - demo data, not security
    people = [
        user
        for user in db.session.scalars(select(User).order_by(User.id))
        if user.email not in owners and user.id != staff_member.id
    ]
    path_ids = [pid for pid, _title in services.path_choices()]
    decision_ids = [did for did, _title in services.decision_choices()]
    today = clock.local_today()
    for index, (title, goal, status, capacity, count, owner_email, with_results) in enumerate(PILOTS):
        owner = owners[owner_email]
        offset = {"planned": 60, "open": 30, "running": -30, "evaluation": -100, "done": -200}[status]
        pilot = services.create_pilot(
            owner,
            {
                "title": title,
                "goal": goal,
                "unit_id": owner.unit_id,
                "capacity": capacity,
                "description": f"**{goal}**\n\nWir suchen Kolleginnen und Kollegen, die offen für "
                "Neues sind und ehrlich sagen, was hilft und was nicht.",
                "requirements": "Etwa zwei Stunden pro Woche; Zustimmung der Vorgesetzten.",
                "starts_on": today + timedelta(days=offset),
                "ends_on": today + timedelta(days=offset + 90),
                "signup_deadline": today + timedelta(days=14) if status in ("planned", "open") else None,
            },
        )
        services.add_date(
            pilot,
            owner,
            "Auftakt",
            today + timedelta(days=offset + 1),
            time(9),
            time(10, 30),
            "Besprechungsraum 1.04",
        )
        services.add_date(
            pilot,
            owner,
            "Zwischenbilanz",
            today + timedelta(days=offset + 45),
            time(14),
            time(15),
            "Videokonferenz",
        )
        pilot.status = "open"
        chosen = rng.sample(people, k=count)
        if index == 5:
            chosen[0] = staff_member
        if index == 0:
            chosen[-1] = staff_member
        for person in chosen:
            signups.sign_up(pilot, person, rng.choice(MOTIVATIONS))
        pilot.status = status
        if index == 2 and path_ids:  # set afterwards: these people signed up before it applied
            pilot.required_path_id = path_ids[0]
        if with_results:
            services.publish_results(
                pilot,
                owner,
                {
                    **RESULTS,
                    "decision_id": decision_ids[0] if decision_ids and index == 9 else None,
                    "path_id": path_ids[-1] if path_ids and index == 9 else None,
                },
            )
    db.session.flush()
    return f"{len(PILOTS)} Pilotprojekte angelegt."
