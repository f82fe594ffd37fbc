"""Demo feedback: 40 posts of every kind and status, several anonymous, with answers."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from intranet import clock
from intranet import permissions as perm
from intranet.auth.models import User
from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.models import FeedbackPost
from intranet.feedback.services import PostDraft
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

# kind, title, text (lessons: happened | helped | learned | prevents), topic, anonymous
POSTS = [
    (
        "lesson",
        "Bescheid an falsche Adresse verschickt",
        "Beim Serienbrief war die Adressliste "
        "nach einem Import verrutscht.|Eine Kollegin hat den Fehler beim Stichproben-Check bemerkt."
        "|Importe brauchen eine Sichtprüfung der ersten Zeilen.|Eine Checkliste für Serienbriefe.",
        "Fachverfahren",
        False,
    ),
    (
        "lesson",
        "Frist verpasst, weil Post im Scan-Stau lag",
        "Eingangspost lag drei Tage im "
        "Scanzentrum.|Die Poststelle hat priorisiert, als wir nachgefragt haben.|Fristsachen müssen "
        "beim Scannen markiert werden.|Ein roter Fristen-Aufkleber vor dem Scannen.",
        "E-Akte",
        True,
    ),
    (
        "lesson",
        "Videokonferenz mit Bürgern ohne Ton",
        "Die Bürgerin hörte uns nicht; wir haben "
        "20 Minuten gesucht.|Der Lotse hat per Telefon geholfen.|Ein Technik-Check 5 Minuten vorher "
        "spart Zeit.|Eine Testverbindung vor jedem Termin.",
        "Videokonferenz",
        False,
    ),
    (
        "lesson",
        "Phishing-Mail fast geöffnet",
        "Eine Mail sah aus wie von der Kämmerei.|Die "
        "Absenderadresse hat mich stutzig gemacht.|Lieber einmal mehr bei der IT nachfragen.|Ein "
        "Melde-Knopf im Mailprogramm.",
        "IT-Sicherheit",
        True,
    ),
    (
        "lesson",
        "Akte doppelt angelegt",
        "Zwei Kollegen haben dieselbe E-Akte angelegt.||Vor dem "
        "Anlegen suchen lohnt sich.|Eine Dublettenwarnung im System.",
        "E-Akte",
        False,
    ),
    (
        "lesson",
        "Personenbezogene Daten im Teams-Chat",
        "Eine Liste mit Namen und Geburtsdaten "
        "landete im großen Teamchat.|Schnelles Löschen und Meldung an den Datenschutz.|Vertrauliches "
        "gehört in die Akte, nicht in den Chat.|Eine kurze Schulung zu Chat-Regeln.",
        "Datenschutz",
        True,
    ),
    (
        "lesson",
        "Online-Antrag ohne Anlagen eingegangen",
        "Das Formular ließ das Absenden ohne "
        "Pflichtanlagen zu.|Wir haben die Antragsteller angerufen.|Pflichtfelder müssen technisch "
        "Pflicht sein.|Eine Prüfung im Formular.",
        "Onlinezugang (OZG)",
        False,
    ),
    (
        "idea",
        "Urlaubsanträge digital statt auf Papier",
        "Der Papierweg dauert oft eine Woche. "
        "Ein einfaches Formular mit Freigabe durch die Leitung würde allen Zeit sparen.",
        "E-Akte",
        False,
    ),
    (
        "idea",
        "Feste Lotsen-Sprechstunde jeden Dienstag",
        "Eine offene Sprechstunde, in der man ohne Termin mit Fragen kommen kann.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "idea",
        "Vorlagen für barrierefreie Briefe",
        "Eine zentrale Vorlage mit richtigen Überschriften und Kontrasten.",
        "Barrierefreiheit",
        False,
    ),
    ("idea", "Scanner auf jeder Etage", "Der Weg zum zentralen Scanner kostet Zeit.", "E-Akte", True),
    (
        "idea",
        "Kurze Lernvideos statt langer Handbücher",
        "Drei Minuten pro Thema reichen oft.",
        "Fachverfahren",
        False,
    ),
    (
        "idea",
        "Gemeinsamer Kalender für Besprechungsräume",
        "Räume sind doppelt gebucht, weil jeder seine eigene Liste führt.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "idea",
        "Homeoffice-Tage im Team abstimmen",
        "Ein gemeinsamer Plan verhindert leere Büros an Sprechtagen.",
        "Mobiles Arbeiten",
        False,
    ),
    (
        "idea",
        "Zweiter Bildschirm für die Sachbearbeitung",
        "Akte und Fachverfahren nebeneinander sparen viele Klicks.",
        "Fachverfahren",
        True,
    ),
    (
        "idea",
        "Digitale Unterschrift für interne Vermerke",
        "Ausdrucken, unterschreiben, scannen ist doppelte Arbeit.",
        "E-Akte",
        False,
    ),
    (
        "idea",
        "Ein Glossar der IT-Begriffe",
        "Viele Begriffe versteht man nicht auf Anhieb.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "concern",
        "Werden Stellen durch die Digitalisierung gestrichen?",
        "Viele im Team machen sich Sorgen, dass ihre Arbeit wegfällt.",
        "Onlinezugang (OZG)",
        True,
    ),
    (
        "concern",
        "Ich komme mit dem neuen Fachverfahren nicht mit",
        "Die Schulung war zu schnell, und ich traue mich nicht, noch einmal zu fragen.",
        "Fachverfahren",
        True,
    ),
    (
        "concern",
        "Wer darf meine Daten in der E-Akte sehen?",
        "Es ist unklar, welche Rechte die Vertretung hat.",
        "Datenschutz",
        False,
    ),
    (
        "concern",
        "Mobiles Arbeiten: Ist mein Laptop sicher?",
        "Ich arbeite oft im Zug.",
        "IT-Sicherheit",
        False,
    ),
    (
        "concern",
        "Zu viele Videokonferenzen am Tag",
        "Zwischen den Terminen bleibt keine Zeit für die eigentliche Arbeit.",
        "Videokonferenz",
        True,
    ),
    (
        "concern",
        "Was passiert mit den Papierakten?",
        "Müssen wir alles nachträglich scannen?",
        "E-Akte",
        False,
    ),
    (
        "concern",
        "Barrierefreiheit der neuen Software",
        "Mit der Bildschirmlupe ist die neue Oberfläche schwer zu bedienen.",
        "Barrierefreiheit",
        False,
    ),
    (
        "concern",
        "Frage: Gibt es Schulungen auch vor Ort?",
        "Nicht alle lernen gut am Bildschirm.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "concern",
        "Druck durch Erreichbarkeit im Chat",
        "Man fühlt sich verpflichtet, sofort zu antworten.",
        "Mobiles Arbeiten",
        True,
    ),
    (
        "praise",
        "Danke an die Lotsen im Ordnungsamt",
        "Die Umstellung auf die E-Akte lief dank der Geduld unserer Lotsen ohne Stress.",
        "E-Akte",
        False,
    ),
    (
        "praise",
        "Neue Online-Terminvergabe funktioniert super",
        "Die Warteschlangen im Bürgerbüro sind deutlich kürzer.",
        "Onlinezugang (OZG)",
        False,
    ),
    (
        "praise",
        "Schnelle Hilfe der IT bei Passwortproblemen",
        "Innerhalb von zehn Minuten war alles gelöst.",
        "IT-Sicherheit",
        False,
    ),
    ("praise", "Tolle Schulung zum Datenschutz", "Praxisnah und verständlich.", "Datenschutz", False),
    (
        "praise",
        "Teams-Besprechungen sparen Fahrtwege",
        "Die Außenstellen sind jetzt viel besser eingebunden.",
        "Videokonferenz",
        False,
    ),
    ("praise", "Lob an die Poststelle", "Der neue Scan-Ablauf ist schnell und zuverlässig.", "E-Akte", True),
    (
        "idea",
        "Checkliste für neue Kolleginnen und Kollegen",
        "Am ersten Tag fehlen oft Zugänge.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "lesson",
        "Update am Freitagnachmittag",
        "Ein Update legte das Fachverfahren bis Montag "
        "lahm.|Die Notfallnummer der IT.|Updates nicht vor dem Wochenende.|Ein Wartungsfenster "
        "unter der Woche.",
        "Fachverfahren",
        False,
    ),
    (
        "concern",
        "Wie lange werden Chatnachrichten gespeichert?",
        "Das sollte klar geregelt sein.",
        "Datenschutz",
        False,
    ),
    (
        "idea",
        "Formulare in Leichter Sprache",
        "Viele Bürgerinnen und Bürger verstehen unsere Formulare nicht.",
        "Barrierefreiheit",
        False,
    ),
    (
        "praise",
        "Das Pilotprojekt E-Rechnung war ein Erfolg",
        "Die Bearbeitungszeit hat sich halbiert.",
        "Fachverfahren",
        False,
    ),
    (
        "concern",
        "Kein WLAN im Sitzungssaal",
        "Präsentationen aus der E-Akte sind dort nicht möglich.",
        "Mobiles Arbeiten",
        False,
    ),
    (
        "idea",
        "Tastenkürzel-Spickzettel zum Ausdrucken",
        "Gerade für Ältere eine große Hilfe.",
        "Office und Zusammenarbeit",
        False,
    ),
    (
        "lesson",
        "Falsche Version eines Dokuments verschickt",
        "Zwei Versionen lagen im selben "
        "Ordner.||Eindeutige Dateinamen mit Datum.|Versionierung in der E-Akte nutzen.",
        "E-Akte",
        True,
    ),
]
STATUS_PLAN = ["new", "seen", "in_progress", "done", "declined"]
ANSWERS = {
    "seen": "Danke, wir haben den Beitrag gelesen und melden uns.",
    "in_progress": "Wir arbeiten daran und berichten hier über den Fortschritt.",
    "done": "Umgesetzt: Ab dem nächsten Monat gilt die neue Regelung für alle Ämter.",
    "declined": "Leider nicht umsetzbar: Die Haushaltsmittel sind für dieses Jahr gebunden. "
    "Wir prüfen es im nächsten Haushalt erneut.",
}


def _draft(kind, title, text, topic_id, unit_id) -> PostDraft:
    if kind == "lesson":
        happened, helped, learned, prevents = text.split("|")
        return PostDraft(
            kind=kind,
            title=title,
            what_happened=happened,
            what_helped=helped,
            what_learned=learned,
            what_prevents=prevents,
            topic_id=topic_id,
            unit_id=unit_id,
        )
    return PostDraft(kind=kind, title=title, body=text, topic_id=topic_id, unit_id=unit_id)


def seed() -> str:
    if db.session.scalar(select(FeedbackPost.id).limit(1)) is not None:
        return "Feedback schon vorhanden – übersprungen."
    rng = random.Random(6)  # noqa: S311 - demo data, not security
    people = list(db.session.scalars(select(User).where(User.is_active_account.is_(True)).order_by(User.id)))
    if len(people) < 10:
        return "Zu wenige Personen für Feedback – übersprungen."
    by_email = {person.email: person for person in people}
    leader, admin = by_email.get("leitung@lotse.example"), by_email.get("admin@lotse.example")
    topics = {topic.name: topic.id for topic in db.session.scalars(select(Topic))}
    amt_ids = list(db.session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "amt")))
    counts = services.subtree_member_counts()
    today = clock.now()
    created = []
    for index, (kind, title, text, topic, anonymous) in enumerate(POSTS):
        author = people[rng.randrange(len(people))]
        if index == 8:
            author = by_email.get("mitarbeiterin@lotse.example", author)
        unit_id = services.nearest_large_enough_unit(author.unit_id, counts)
        unit_id = unit_id.id if unit_id else rng.choice(amt_ids)
        with clock.frozen(today - timedelta(days=60 - index, hours=rng.randrange(12))):
            draft = _draft(kind, title, text, topics.get(topic), unit_id)
            post = (
                services.create_anonymous_post(draft)[0]
                if anonymous
                else services.create_named_post(author, draft)
            )
            for supporter in rng.sample(people, rng.randrange(0, 12)):
                if rng.random() < 0.3:
                    services.support_anonymously(post)
                elif supporter.id != post.author_id:
                    services.support(supporter, post)
            if rng.random() < 0.6:
                services.add_named_comment(
                    rng.choice(people), post, "Das sehe ich genauso – bei uns ist es ähnlich."
                )
            if anonymous and rng.random() < 0.5:
                services.add_anonymous_comment(post, "Danke, das hätte ich mich nicht zu sagen getraut.")
        created.append(post)
        status = STATUS_PLAN[index % len(STATUS_PLAN)]
        answerer = admin
        if leader is not None and perm.can_answer_feedback(leader, post):
            answerer = leader
        if status != "new" and answerer is not None:
            with clock.frozen(today - timedelta(days=max(1, 40 - index))):
                moderation.change_status(answerer, post, status, ANSWERS[status])
    # Something for the moderation queue: two reports, and one post hidden with a reason.
    moderation.report_post(people[1], created[12], "Das wirkt wie ein Angriff auf ein Team.")
    moderation.report_post(people[2], created[12], "Bitte prüfen, ob das sachlich ist.")
    if admin is not None:
        moderation.report_post(people[3], created[23], "Hier wird eine Person erkennbar.")
        moderation.hide_post(
            admin,
            created[23],
            "Der Beitrag machte eine einzelne Person erkennbar. Bitte schreiben Sie über Abläufe.",
        )
    db.session.flush()
    return f"{len(POSTS)} Feedback-Beiträge angelegt."
