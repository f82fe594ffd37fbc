"""Demo organisation: Landratsamt Musterkreis with 5 Dezernate, 30 Ämter, 90 Sachgebiete."""

import random

from sqlalchemy import select

from intranet.auth.models import RoleAssignment, User
from intranet.auth.passwords import hash_password
from intranet.demo.names import FIRST_NAMES, LAST_NAMES, email_for
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

ROOT = "Landratsamt Musterkreis"
DEZERNATE = {
    "Dezernat 1 – Zentrale Dienste und Finanzen": [
        ("Amt 10 – Hauptamt", ["Organisation", "IT und Digitalisierung", "Zentrale Dienste"]),
        ("Amt 11 – Personalamt", ["Personalverwaltung", "Personalentwicklung", "Ausbildung"]),
        ("Amt 14 – Rechnungsprüfungsamt", ["Prüfung Haushalt", "Prüfung Vergabe", "Beratung"]),
        ("Amt 20 – Kämmerei", ["Haushalt", "Kreiskasse", "Beteiligungen"]),
        ("Amt 23 – Liegenschaften", ["Gebäudemanagement", "Hausdienste", "Beschaffung"]),
        ("Amt 17 – Kommunalaufsicht", ["Aufsicht", "Wahlen", "Statistik"]),
    ],
    "Dezernat 2 – Recht, Ordnung und Verkehr": [
        ("Amt 30 – Rechtsamt", ["Rechtsberatung", "Widersprüche", "Vergaberecht"]),
        ("Amt 32 – Ordnungsamt", ["Allgemeine Ordnung", "Gewerbe", "Ausländerbehörde"]),
        ("Amt 33 – Straßenverkehrsamt", ["Zulassungsstelle", "Führerscheinstelle", "Verkehrslenkung"]),
        ("Amt 37 – Brand- und Katastrophenschutz", ["Brandschutz", "Katastrophenschutz", "Rettungsdienst"]),
        ("Amt 38 – Veterinäramt", ["Tiergesundheit", "Lebensmittelüberwachung", "Tierschutz"]),
        ("Amt 39 – Bürgerservice", ["Bürgerbüro", "Telefonzentrale", "Onlinedienste"]),
    ],
    "Dezernat 3 – Soziales, Jugend und Gesundheit": [
        ("Amt 50 – Sozialamt", ["Grundsicherung", "Eingliederungshilfe", "Hilfe zur Pflege"]),
        ("Amt 51 – Jugendamt", ["Sozialer Dienst", "Kindertagesbetreuung", "Unterhalt"]),
        (
            "Amt 53 – Gesundheitsamt",
            ["Infektionsschutz", "Kinder- und Jugendgesundheit", "Sozialpsychiatrie"],
        ),
        ("Amt 54 – Versorgungsamt", ["Schwerbehindertenrecht", "Elterngeld", "BAföG"]),
        ("Amt 55 – Integration", ["Migrationsberatung", "Sprachförderung", "Ehrenamt"]),
        ("Amt 56 – Jobcenter-Koordination", ["Leistungen", "Arbeitsmarkt", "Controlling"]),
    ],
    "Dezernat 4 – Bauen, Umwelt und Landwirtschaft": [
        ("Amt 60 – Baurechtsamt", ["Baugenehmigung", "Bauaufsicht", "Denkmalschutz"]),
        ("Amt 61 – Kreisplanung", ["Regionalplanung", "Mobilität", "Klimaschutz"]),
        ("Amt 62 – Vermessungsamt", ["Liegenschaftskataster", "Geoinformation", "Flurneuordnung"]),
        ("Amt 66 – Straßenbauamt", ["Straßenplanung", "Straßenunterhaltung", "Brückenbau"]),
        ("Amt 70 – Umweltschutzamt", ["Wasserwirtschaft", "Immissionsschutz", "Abfallrecht"]),
        ("Amt 73 – Landwirtschaftsamt", ["Förderung", "Beratung Landwirtschaft", "Forst"]),
    ],
    "Dezernat 5 – Bildung, Kultur und Wirtschaft": [
        ("Amt 40 – Schulamt", ["Schulverwaltung", "Schulentwicklung", "Schülerbeförderung"]),
        ("Amt 41 – Kulturamt", ["Kreisarchiv", "Museen", "Kulturförderung"]),
        ("Amt 43 – Volkshochschule", ["Programmplanung", "Sprachkurse", "Berufliche Bildung"]),
        ("Amt 80 – Wirtschaftsförderung", ["Standortmarketing", "Gründung", "Breitband"]),
        ("Amt 81 – Tourismus", ["Marketing", "Radwege", "Veranstaltungen"]),
        ("Amt 82 – Nahverkehr", ["ÖPNV-Planung", "Schülerverkehr", "Tarife"]),
    ],
}
DEMO_ACCOUNTS = [
    # email, name, unit path suffix, roles [(role, unit path suffix or None)]
    ("mitarbeiterin@lotse.example", "Petra Schneider", ["Amt 32 – Ordnungsamt", "Gewerbe"], []),
    (
        "lotse@lotse.example",
        "Thomas Weber",
        ["Amt 32 – Ordnungsamt", "Allgemeine Ordnung"],
        [("guide", ["Amt 32 – Ordnungsamt"])],
    ),
    ("leitung@lotse.example", "Dr. Claudia Hoffmann", [], [("leadership", [])]),
    (
        "admin@lotse.example",
        "Martin Keller",
        ["Amt 10 – Hauptamt", "IT und Digitalisierung"],
        [("admin", None)],
    ),
]
DEMO_DEZERNAT = "Dezernat 2 – Recht, Ordnung und Verkehr"
# Ämter left without a guide of their own, so the coverage view has something to show.
AEMTER_WITHOUT_GUIDE = {"Amt 14 – Rechnungsprüfungsamt", "Amt 62 – Vermessungsamt", "Amt 81 – Tourismus"}


TOPICS = [
    ("E-Akte", "Elektronische Akte, Scannen, Ablage und Aktenplan"),
    ("Videokonferenz", "Besprechungen per Video, Technik und Moderation"),
    ("Datenschutz", "Umgang mit personenbezogenen Daten, DSGVO"),
    ("IT-Sicherheit", "Phishing, Passwörter, sicheres Arbeiten"),
    ("Fachverfahren", "Fachanwendungen der Ämter"),
    ("Onlinezugang (OZG)", "Digitale Anträge und Bürgerservices"),
    ("Mobiles Arbeiten", "Homeoffice, Laptop, VPN"),
    ("Office und Zusammenarbeit", "Textverarbeitung, Tabellen, gemeinsame Dokumente"),
    ("Barrierefreiheit", "Barrierefreie Dokumente und Anwendungen"),
]


def seed() -> str:
    if db.session.scalar(select(OrgUnit).where(OrgUnit.name == ROOT)) is not None:
        return "Organisation schon vorhanden – übersprungen."
    rng = random.Random(20261121)  # noqa: S311 - demo data, not security
    db.session.add_all(Topic(name=name, description=text) for name, text in TOPICS)
    demo_hash = hash_password("demo")
    root = OrgUnit(name=ROOT, kind="verwaltung")
    db.session.add(root)
    units: dict[tuple[str, ...], OrgUnit] = {}
    for dezernat_name, aemter in DEZERNATE.items():
        dezernat = OrgUnit(name=dezernat_name, kind="dezernat", parent=root)
        units[(dezernat_name,)] = dezernat
        for amt_name, sachgebiete in aemter:
            amt = OrgUnit(name=amt_name, kind="amt", parent=dezernat)
            units[(dezernat_name, amt_name)] = amt
            number = amt_name.split()[1]
            for index, sg_name in enumerate(sachgebiete, start=1):
                units[(dezernat_name, amt_name, sg_name)] = OrgUnit(
                    name=f"SG {number}.{index} {sg_name}", kind="sachgebiet", parent=amt
                )
    db.session.add_all(units.values())
    db.session.flush()

    def unit_for(suffix: list[str], dezernat=DEMO_DEZERNAT):
        if not suffix:
            return units[(dezernat,)]
        if len(suffix) == 1:
            return (
                units[(dezernat, suffix[0])]
                if (dezernat, suffix[0]) in units
                else next(u for k, u in units.items() if len(k) == 2 and k[1] == suffix[0])
            )
        key = next(k for k in units if len(k) == 3 and k[1] == suffix[0] and k[2] == suffix[1])
        return units[key]

    counter = 0

    def person(unit: OrgUnit, name: str | None = None, email: str | None = None) -> User:
        nonlocal counter
        counter += 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        user = User(
            email=email or email_for(first, last, counter),
            name=name or f"{first} {last}",
            unit=unit,
            password_hash=demo_hash,
            locale="de",
        )
        db.session.add(user)
        return user

    people_by_unit: dict[int, list[User]] = {}
    for key, unit in units.items():
        size = {1: 1, 2: 1, 3: 3}[len(key)]
        people_by_unit[id(unit)] = [person(unit) for _ in range(size)]
    person(root)  # Landrätin/Landrat's office
    for email, name, suffix, roles in DEMO_ACCOUNTS:
        if suffix and suffix[0].startswith("Amt 10"):
            unit = units[("Dezernat 1 – Zentrale Dienste und Finanzen", suffix[0], suffix[1])]
        else:
            unit = unit_for(suffix)
        user = person(unit, name, email)
        for role, scope in roles:
            user.role_assignments.append(
                RoleAssignment(role=role, unit=None if scope is None else unit_for(scope))
            )

    # Guides at every level: one at the top, one per Dezernat, one per Amt (with gaps).
    people_by_unit[id(root)] = [person(root)]
    _assign(people_by_unit[id(root)][0], "guide", root)
    for key, unit in units.items():
        if len(key) == 1 or (
            len(key) == 2 and key[1] not in AEMTER_WITHOUT_GUIDE and key[1] != "Amt 32 – Ordnungsamt"
        ):
            _assign(people_by_unit[id(unit)][0], "guide", unit)
        if len(key) == 1 and key[0] != DEMO_DEZERNAT:
            _assign(people_by_unit[id(unit)][0], "leadership", unit)
    db.session.flush()
    return f"{len(units) + 1} Einheiten und {counter} Personen angelegt."


def _assign(user: User, role: str, unit: OrgUnit) -> None:
    user.role_assignments.append(RoleAssignment(role=role, unit=unit))
