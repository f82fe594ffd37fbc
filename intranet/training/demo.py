"""Demo training paths: eight realistic German paths with every step kind, assignments and progress."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from intranet import clock
from intranet.auth.models import User
from intranet.extensions import db
from intranet.topics.models import Topic
from intranet.training.assignments import assign_path
from intranet.training.models import (
    TrainingAnswerOption,
    TrainingEnrolment,
    TrainingPath,
    TrainingQuestion,
    TrainingStep,
    TrainingStepCompletion,
)

READ, LINK, SESSION, QUIZ, PRACTICE = "read", "link", "session", "quiz", "practice"

# title, level, topic, minutes, audience, summary, steps [(kind, title, body or url)]
PATHS = [
    (
        "Erste Schritte am PC",
        "einstieg",
        "Office und Zusammenarbeit",
        120,
        "Beschäftigte mit wenig Computererfahrung",
        "Maus, Tastatur, Fenster und Ordner: In kleinen Schritten und ohne Fachbegriffe lernen Sie die "
        "Grundlagen. Niemand muss etwas können – Sie lernen in Ihrem Tempo.",
        [
            (
                READ,
                "Maus und Tastatur",
                "## So halten Sie die Maus\n\nLegen Sie die Hand locker auf die "
                "Maus. Die **linke Taste** wählt aus, die **rechte Taste** zeigt weitere Möglichkeiten.\n\n"
                "- Doppelklick: zweimal schnell links klicken\n- Rollrad: Seite nach oben und unten bewegen",
            ),
            (LINK, "Video: Fenster öffnen, verkleinern, schließen", "https://www.example.org/video/fenster"),
            (
                SESSION,
                "Übungsstunde mit Ihrer Lotsin oder Ihrem Lotsen",
                "Wir üben gemeinsam am eigenen Platz.",
            ),
            (QUIZ, "Kurzer Selbsttest", ""),
            (
                PRACTICE,
                "Eine Datei im richtigen Ordner speichern",
                "Speichern Sie ein Dokument in Ihrem Teamordner und zeigen Sie es Ihrer Lotsin oder "
                "Ihrem Lotsen.",
            ),
        ],
    ),
    (
        "E-Akte Grundlagen",
        "einstieg",
        "E-Akte",
        90,
        "Alle Beschäftigten mit Aktenbearbeitung",
        "Was ist die E-Akte, wie finde ich Vorgänge, wie lege ich Dokumente richtig ab?",
        [
            (
                READ,
                "Warum E-Akte?",
                "Die elektronische Akte ersetzt die Papierakte. Alle Beteiligten sehen "
                "denselben Stand – auch im Homeoffice.",
            ),
            (LINK, "Video: Ein Dokument zu den Akten nehmen", "https://www.example.org/video/e-akte-ablage"),
            (QUIZ, "Selbsttest: Ablage und Aktenplan", ""),
            (
                PRACTICE,
                "Einen echten Vorgang in der E-Akte anlegen",
                "Legen Sie einen Vorgang aus Ihrem Alltag an und lassen Sie ihn von Ihrer Lotsin "
                "oder Ihrem Lotsen ansehen.",
            ),
        ],
    ),
    (
        "Sicher im Netz",
        "einstieg",
        "IT-Sicherheit",
        60,
        "Alle Beschäftigten",
        "Phishing erkennen, gute Passwörter wählen und richtig reagieren, wenn etwas passiert ist.",
        [
            (
                READ,
                "Phishing-Mails erkennen",
                "Achten Sie auf **Absender**, **Dringlichkeit** und **Links**. "
                "Im Zweifel: nicht klicken, sondern nachfragen.",
            ),
            (READ, "Gute Passwörter", "Ein Satz aus mehreren Wörtern ist sicher und gut zu merken."),
            (QUIZ, "Selbsttest: Ist das Phishing?", ""),
        ],
    ),
    (
        "Videokonferenzen leiten",
        "aufbau",
        "Videokonferenz",
        150,
        "Beschäftigte, die Besprechungen organisieren",
        "Technik vorbereiten, alle beteiligen, Ergebnisse festhalten – so gelingen Besprechungen per Video.",
        [
            (
                READ,
                "Vorbereitung in fünf Punkten",
                "1. Einladung mit Link\n2. Technik testen\n3. Tagesordnung\n"
                "4. Rollen verteilen\n5. Protokoll",
            ),
            (LINK, "Video: Bildschirm teilen", "https://www.example.org/video/bildschirm-teilen"),
            (SESSION, "Workshop: Moderation per Video", "Praktische Übungen in kleinen Gruppen."),
            (QUIZ, "Selbsttest: Moderation", ""),
        ],
    ),
    (
        "Digitale Antragsbearbeitung",
        "aufbau",
        "Onlinezugang (OZG)",
        180,
        "Sachbearbeitung mit Bürgeranträgen",
        "Online-Anträge aus dem Portal annehmen, prüfen und medienbruchfrei bescheiden.",
        [
            (READ, "Vom Portal in die Fachanwendung", "Anträge kommen über das Servicekonto an."),
            (LINK, "Leitfaden OZG-Umsetzung", "https://www.example.org/ozg-leitfaden"),
            (QUIZ, "Selbsttest: Antragseingang", ""),
            (PRACTICE, "Einen Online-Antrag vollständig bearbeiten", "Bearbeiten Sie einen echten Antrag."),
        ],
    ),
    (
        "Datenschutz im Arbeitsalltag",
        "einstieg",
        "Datenschutz",
        45,
        "Alle Beschäftigten",
        "Was darf ich weitergeben, was gehört in die Akte, wann frage ich die Datenschutzbeauftragte?",
        [
            (READ, "Die wichtigsten Grundsätze", "Nur so viele Daten wie nötig, nur so lange wie nötig."),
            (QUIZ, "Selbsttest: Darf ich das?", ""),
        ],
    ),
    (
        "Barrierefreie Dokumente",
        "vertiefung",
        "Barrierefreiheit",
        120,
        "Beschäftigte, die Schreiben und Veröffentlichungen erstellen",
        "Überschriften, Alternativtexte, Kontraste: Dokumente, die alle lesen können.",
        [
            (READ, "Überschriften und Listen richtig nutzen", "Formatvorlagen statt fetter Schrift."),
            (LINK, "Prüfwerkzeug für PDF-Dokumente", "https://www.example.org/pdf-pruefung"),
            (
                PRACTICE,
                "Ein eigenes Schreiben barrierefrei überarbeiten",
                "Zeigen Sie das Ergebnis Ihrer Lotsin.",
            ),
        ],
    ),
    (
        "Mobiles Arbeiten sicher gestalten",
        "aufbau",
        "Mobiles Arbeiten",
        60,
        "Beschäftigte mit Laptop und VPN",
        "VPN verbinden, Daten sicher ablegen, erreichbar bleiben – ohne immer erreichbar zu sein.",
        [
            (READ, "VPN in drei Schritten", "Laptop starten, VPN-Programm öffnen, anmelden."),
            (SESSION, "Sprechstunde Mobiles Arbeiten", "Bringen Sie Ihren Laptop mit."),
            (QUIZ, "Selbsttest: Sicher unterwegs", ""),
        ],
    ),
]

QUIZ_QUESTIONS = [
    (
        "Was tun Sie, wenn Sie unsicher sind?",
        "Lieber einmal mehr fragen – dafür sind die Lotsen da.",
        [
            ("Meine Lotsin oder meinen Lotsen fragen", True),
            ("Einfach ausprobieren und hoffen", False),
            ("Nichts tun", False),
        ],
    ),
    (
        "Wo finden Sie Hilfe in Lotse?",
        "Unter „Lotsen & Fragen“ sehen Sie Ihre Ansprechpersonen.",
        [("Unter „Lotsen & Fragen“", True), ("Nirgends", False)],
    ),
]


def _build_path(author, topics, rng, spec) -> TrainingPath:
    title, level, topic_name, minutes, audience, summary, steps = spec
    path = TrainingPath(
        title=title,
        level=level,
        topic_id=topics.get(topic_name),
        estimated_minutes=minutes,
        audience=audience,
        summary=summary,
        status="published",
        author_id=author.id,
        published_at=clock.now(),
        is_sequential=level != "vertiefung",
    )
    for position, (kind, step_title, content) in enumerate(steps, start=1):
        step = TrainingStep(
            kind=kind,
            title=step_title,
            position=position,
            body="" if kind == LINK else content,
            url=content if kind == LINK else "",
        )
        if kind == SESSION:
            start = (clock.now() + timedelta(days=rng.randint(10, 40))).replace(
                hour=8, minute=0, second=0, microsecond=0
            )
            step.session_starts_at, step.session_ends_at = start, start + timedelta(hours=2)
            step.session_place, step.capacity = "Landratsamt, Raum 2.14", 12
        if kind == QUIZ:
            step.pass_mark = 50
            for number, (text, explanation, options) in enumerate(QUIZ_QUESTIONS, start=1):
                question = TrainingQuestion(text=text, explanation=explanation, position=number)
                question.options = [
                    TrainingAnswerOption(text=t, is_correct=c, position=i)
                    for i, (t, c) in enumerate(options, start=1)
                ]
                step.questions.append(question)
        path.steps.append(step)
    db.session.add(path)
    return path


def seed() -> str:
    """Idempotent: creates the demo paths once, with enrolments, progress and an assignment."""
    if db.session.scalar(select(TrainingPath.id).limit(1)) is not None:
        return "Lernpfade schon vorhanden – übersprungen."
    author = db.session.scalar(select(User).where(User.email == "lotse@lotse.example"))
    if author is None:
        return "Keine Demo-Organisation – übersprungen."
    rng = random.Random(4)  # noqa: S311 - demo data, not security
    topics = dict(db.session.execute(select(Topic.name, Topic.id)).all())
    paths = [_build_path(author, topics, rng, spec) for spec in PATHS]
    db.session.flush()
    paths[1].prerequisites.append(paths[0])  # E-Akte Grundlagen after "Erste Schritte am PC"
    staff = db.session.scalars(select(User).order_by(User.id)).all()
    enrolments = 0
    for path in paths[:6]:
        for person in rng.sample(staff, k=min(len(staff), 70)):
            enrolment = TrainingEnrolment(path_id=path.id, user_id=person.id)
            done = rng.randint(0, len(path.steps))
            enrolment.completions = [TrainingStepCompletion(step_id=s.id) for s in path.steps[:done]]
            if done == len(path.steps):
                enrolment.completed_at = clock.now() - timedelta(days=rng.randint(1, 60))
            db.session.add(enrolment)
            enrolments += 1
    db.session.flush()
    leader = db.session.scalar(select(User).where(User.email == "leitung@lotse.example"))
    if leader is not None:
        unit_id = next(iter(leader.scope_unit_ids("leadership")))
        assign_path(leader, paths[2], unit_id, clock.local_today() + timedelta(days=20))
    return f"{len(paths)} Lernpfade und {enrolments} Anmeldungen angelegt."
