"""Demo data: guide profiles with topics and deputies, ~40 questions in every state."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from intranet import clock
from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.guides import services
from intranet.guides.escalation import escalate_overdue
from intranet.guides.models import GuideProfile, Question
from intranet.guides.routing import invalidate_guide_map
from intranet.topics.models import Topic

QUESTIONS = [
    ("Wie scanne ich Eingangspost direkt in die E-Akte?", "E-Akte"),
    ("Wo finde ich den Aktenplan für unser Sachgebiet?", "E-Akte"),
    ("Darf ich Papierakten nach dem Scannen vernichten?", "E-Akte"),
    ("Wie gebe ich eine E-Akte an ein anderes Amt ab?", "E-Akte"),
    ("Wie starte ich eine Videokonferenz mit externen Gästen?", "Videokonferenz"),
    ("Mein Mikrofon funktioniert in der Videokonferenz nicht – was tun?", "Videokonferenz"),
    ("Wie teile ich in der Videokonferenz nur ein Fenster?", "Videokonferenz"),
    ("Darf ich Namen von Antragstellern per E-Mail weitergeben?", "Datenschutz"),
    ("Muss ich für eine Umfrage im Amt eine Datenschutzprüfung machen?", "Datenschutz"),
    ("Wie lange dürfen wir Bewerbungsunterlagen aufbewahren?", "Datenschutz"),
    ("Ich habe eine verdächtige E-Mail geöffnet – wem melde ich das?", "IT-Sicherheit"),
    ("Wie oft muss ich mein Passwort ändern?", "IT-Sicherheit"),
    ("Wie beantrage ich einen Zugang zum Fachverfahren?", "Fachverfahren"),
    ("Das Fachverfahren stürzt beim Drucken ab – gibt es eine Lösung?", "Fachverfahren"),
    ("Welche Anträge können Bürgerinnen und Bürger schon online stellen?", "Onlinezugang (OZG)"),
    ("Wie komme ich an die Online-Anträge in meinem Postfach?", "Onlinezugang (OZG)"),
    ("Wie verbinde ich mich von zu Hause mit dem VPN?", "Mobiles Arbeiten"),
    ("Darf ich im Homeoffice Akten ausdrucken?", "Mobiles Arbeiten"),
    ("Wie arbeiten wir zu dritt gleichzeitig an einem Dokument?", "Office und Zusammenarbeit"),
    ("Wie erstelle ich ein barrierefreies PDF?", "Barrierefreiheit"),
    ("Wie lege ich eine Serienbrief-Vorlage an?", None),
    ("Wer hilft mir beim Umstieg auf das neue Rechnungsprogramm?", None),
]
ANSWERS = [
    "Gute Frage! So geht es:\n\n1. Öffnen Sie das Programm.\n2. Wählen Sie **Neu**.\n"
    "3. Speichern Sie mit dem Aktenzeichen.\n\nMelden Sie sich gern, wenn es hakt.",
    "Das ist im Merkblatt beschrieben. Kurz: Ja, wenn die Qualität geprüft ist.",
    "Ich komme morgen um 10 Uhr bei Ihnen vorbei und zeige es Ihnen am Platz.",
]


def _profiles(rng: random.Random, topics: list[Topic]) -> int:
    assignments = db.session.scalars(
        select(RoleAssignment).where(RoleAssignment.role == "guide").order_by(RoleAssignment.id)
    ).all()
    users_by_unit: dict[int, list[int]] = {}
    for user_id, unit_id in db.session.execute(select(User.id, User.unit_id).order_by(User.id)).all():
        users_by_unit.setdefault(unit_id, []).append(user_id)
    count = 0
    for index, assignment in enumerate(assignments):
        if (
            db.session.scalar(select(GuideProfile).where(GuideProfile.user_id == assignment.user_id))
            is not None
        ):
            continue
        colleagues = [u for u in users_by_unit.get(assignment.unit_id, []) if u != assignment.user_id]
        everyone = [u for ids in users_by_unit.values() for u in ids if u != assignment.user_id]
        deputy = colleagues[0] if colleagues else rng.choice(everyone)
        chosen = rng.sample(topics, k=min(len(topics), 1 + index % 3))
        guide = db.session.get(User, assignment.user_id)
        if guide.email == "lotse@lotse.example":  # the documented demo guide
            chosen = [t for t in topics if t.name in ("E-Akte", "Videokonferenz")]
        services.save_profile(
            guide,
            is_absent=index % 9 == 4,
            deputy_id=deputy,
            topic_ids=[t.id for t in chosen],
            note="Sprechzeit dienstags 10–12 Uhr" if index % 4 == 0 else "",
        )
        count += 1
    return count


def seed() -> str:
    if db.session.scalar(select(Question.id).limit(1)) is not None:
        return "Fragen schon vorhanden – übersprungen."
    rng = random.Random(3)  # noqa: S311 - demo data
    topics = {t.name: t for t in db.session.scalars(select(Topic))}
    profiles = _profiles(rng, list(topics.values()))
    invalidate_guide_map()
    staff = db.session.scalars(select(User).where(~User.role_assignments.any()).order_by(User.id)).all()
    demo = db.session.scalar(select(User).where(User.email == "mitarbeiterin@lotse.example"))
    guides = {
        a.unit_id: a.user
        for a in db.session.scalars(select(RoleAssignment).where(RoleAssignment.role == "guide"))
    }
    now = clock.now()
    created = []
    for index in range(40):
        title, topic_name = QUESTIONS[index % len(QUESTIONS)]
        asker = demo if index % 6 == 0 else rng.choice(staff)
        asked_at = now - timedelta(days=rng.randint(0, 12), hours=rng.randint(0, 8))
        with clock.frozen(asked_at):
            question = services.ask(
                asker,
                title if index < len(QUESTIONS) else f"{title} (2)",
                "Ich komme hier nicht weiter. Können Sie mir helfen?",
                topics[topic_name].id if topic_name in topics else None,
                is_private=index % 5 == 3,
            )
        created.append((question, asked_at, index))
    db.session.flush()
    for question, asked_at, index in created:
        guide = guides.get(question.current_unit_id)
        state = index % 5
        if guide is None or state in (0,):  # leave open: some will escalate
            continue
        with clock.frozen(asked_at + timedelta(hours=3)):
            if state == 4:
                services.claim(question, guide)
                continue
            services.answer(question, guide, ANSWERS[index % len(ANSWERS)], ask_back=state == 3)
        if state == 2:
            with clock.frozen(asked_at + timedelta(hours=5)):
                services.accept(question, question.asker, question.answers[-1].id)
    db.session.flush()
    colleagues = (
        db.session.scalars(select(User).where(User.unit_id == demo.unit_id).order_by(User.id)).all()
        if demo
        else []
    )
    for hours, (title, topic_name) in zip((1, 2, 5), QUESTIONS[4:7], strict=True):
        with clock.frozen(now - timedelta(hours=hours)):  # fresh work for the demo guide's inbox
            services.ask(
                colleagues[hours % len(colleagues)] if colleagues else rng.choice(staff),
                f"{title} (neu)",
                "Es eilt ein wenig – danke!",
                topics[topic_name].id if topic_name in topics else None,
                False,
            )
    escalated = 0
    for days in (8, 4, 0):  # run the job as it would have run in the past days
        with clock.frozen(now - timedelta(days=days)):
            escalated += escalate_overdue()
    return f"{profiles} Lotsenprofile, {len(created) + 3} Fragen, {escalated} Weiterleitungen."
