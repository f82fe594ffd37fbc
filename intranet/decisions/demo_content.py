"""Texts of the demo decisions (German, as a Landratsamt would write them).

Days are relative to the day of seeding: decided -40 = forty days ago, effective +30 = in a
month. Units are name prefixes of the demo organisation.
"""

from __future__ import annotations


def _d(key, title, dezernat, affected, topic, status, decided, effective, summary, decision,
       rationale, **extra):
    spec = {
        "key": key, "title": title, "dezernat": dezernat, "affected": affected,
        "topic": topic, "status": status, "decided": decided, "effective": effective,
        "summary": summary, "decision": decision, "rationale": rationale,
        "context": extra.pop("context", "Die bisherige Praxis war uneinheitlich; mehrere Ämter "
                                        "haben um eine klare Regel gebeten."),
        "consequences": extra.pop("consequences", "Die Amtsleitungen informieren ihre Teams. "
                                                  "Fragen beantworten die Lotsinnen und Lotsen."),
        "decided_by": extra.pop("decided_by", "Dezernatskonferenz"),
        "consulted": extra.pop("consulted", "Amtsleitungen, Personalrat"),
        "works_council": extra.pop("works_council", True),
        "alternatives": extra.pop("alternatives", [
            ("Alles so lassen wie bisher", "Die Probleme blieben bestehen.")]),
    }
    spec.update(extra)
    return spec


DECISIONS = [
    _d("eakte32", "Einführung der E-Akte im Amt 32 ab 1. März", "2", ["Amt 32 –"], "E-Akte",
       "decided", -20, 100,
       "Ab 1. März legen Sie neue Vorgänge nur noch in der E-Akte an. Papierakten werden nicht "
       "mehr neu angelegt. Sie bekommen vorher eine Schulung.",
       "Das Ordnungsamt führt zum 1. März die E-Akte ein. Neue Vorgänge werden ausschließlich "
       "elektronisch geführt; laufende Papierakten werden bis zum Abschluss weitergeführt.",
       "Die E-Akte ist ab 2027 gesetzlich vorgesehen. Das Amt 32 hat viele Vorgänge mit "
       "mehreren Beteiligten, die von der gemeinsamen elektronischen Akte besonders profitieren.",
       ack=True, review=180,
       alternatives=[("Start erst 2028", "Zu nah an der gesetzlichen Frist, kein Puffer."),
                     ("Nur Scannen der Eingangspost", "Löst das Teilen der Akten nicht.")],
       edits=[(5, {"consequences": "Schulungen finden im Januar und Februar statt. Jedes Team "
                                   "benennt eine Ansprechperson für die E-Akte."},
               "Schulungszeitraum ergänzt", False)]),
    _d("video100", "Videokonferenzen statt Dienstreisen bis 100 km", "2",
       ["Dezernat 2"], "Videokonferenz", "implemented", -150, -120,
       "Termine mit anderen Behörden bis 100 km Entfernung finden in der Regel per Video statt. "
       "Eine Dienstreise ist weiter möglich, wenn es fachlich nötig ist.",
       "Für Besprechungen mit Stellen im Umkreis von 100 km ist die Videokonferenz der "
       "Regelfall. Ausnahmen genehmigt die Amtsleitung.",
       "Weniger Reisezeit, geringere Kosten und weniger CO₂. Die Technik ist in allen "
       "Besprechungsräumen vorhanden.", status_reason="In allen Ämtern umgesetzt",
       status_after=60),
    _d("ho2024", "Homeoffice-Regelung 2024", "2", ["Dezernat 2"], "Mobiles Arbeiten",
       "superseded", -700, -670,
       "Sie können bis zu zwei Tage pro Woche von zu Hause arbeiten, wenn Ihre Aufgaben es "
       "zulassen.",
       "Mobiles Arbeiten ist an bis zu zwei Tagen pro Woche möglich.",
       "Erfahrungen aus der Pandemiezeit; Wunsch vieler Beschäftigter.",
       successor="ho2025", status_reason="Durch die Regelung 2025 ersetzt", status_after=372),
    _d("ho2025", "Homeoffice-Regelung 2025", "2", ["Dezernat 2"], "Mobiles Arbeiten",
       "superseded", -330, -300,
       "Sie können bis zu drei Tage pro Woche mobil arbeiten. Kernzeiten gelten auch zu Hause.",
       "Mobiles Arbeiten ist an bis zu drei Tagen pro Woche möglich; Erreichbarkeit in der "
       "Kernzeit ist sicherzustellen.",
       "Die Evaluation 2024 zeigte keine Nachteile für die Bearbeitungszeiten.",
       successor="ho2026", status_reason="Durch die neue Dienstvereinbarung ersetzt",
       status_after=300,
       edits=[(10, {"summary": "Sie können bis zu drei Tage pro Woche mobil arbeiten. "
                               "Kernzeiten (9 bis 12 Uhr) gelten auch zu Hause."},
               "Kernzeit genauer angegeben", True)]),
    _d("ho2026", "Mobiles Arbeiten: Dienstvereinbarung 2026", "2", ["Dezernat 2"],
       "Mobiles Arbeiten", "decided", -30, 40,
       "Ab dem nächsten Quartal gilt die neue Dienstvereinbarung: bis zu 60 % der Arbeitszeit "
       "mobil, mit Absprache im Team. Bitte lesen Sie die Regeln zur Erreichbarkeit.",
       "Die Dienstvereinbarung Mobiles Arbeiten 2026 tritt in Kraft. Teams legen gemeinsam "
       "Präsenztage fest.",
       "Die Dienstvereinbarung wurde mit dem Personalrat verhandelt und schafft Rechtssicherheit.",
       ack=True, decided_by="Landrätin nach Verhandlung mit dem Personalrat",
       consulted="Personalrat, Beauftragte für Chancengleichheit, Datenschutz"),
    _d("zulassung_termine", "Online-Terminvergabe in der Zulassungsstelle", "2",
       ["Amt 33 –"], "Onlinezugang (OZG)", "implemented", -200, -150,
       "Bürgerinnen und Bürger buchen Termine online. Am Schalter bedienen Sie nur noch "
       "Kundschaft mit Termin und Notfälle.",
       "Die Zulassungsstelle arbeitet ausschließlich mit Online-Terminen; ein Notfallschalter "
       "bleibt.", "Lange Wartezeiten und volle Wartebereiche.",
       status_reason="Läuft seit dem Frühjahr stabil"),
    _d("fuehrerschein_digital", "Führerscheinanträge nur noch digital annehmen", "2",
       ["Amt 33 –"], "Onlinezugang (OZG)", "decided", -10, 60,
       "Anträge auf Führerscheine kommen künftig über das Online-Portal. Papieranträge nehmen "
       "Sie nur noch in Ausnahmefällen an.",
       "Die Führerscheinstelle nimmt Anträge grundsätzlich über das OZG-Portal an.",
       "Doppelerfassung entfällt, Bearbeitungszeiten sinken.", ack=True),
    _d("gewerbe_eakte", "Gewerbeanzeigen direkt in der E-Akte ablegen", "2",
       ["SG 32.2"], "E-Akte", "decided", -5, 20,
       "Gewerbeanzeigen aus dem Portal landen automatisch in der E-Akte. Sie müssen nichts mehr "
       "ausdrucken.", "Schnittstelle Gewerbeportal – E-Akte wird aktiviert.",
       "Spart Zeit und Papier.", ack=True),
    _d("phishing_meldung", "Verdächtige E-Mails über den Meldeknopf melden", "2",
       ["Dezernat 2"], "IT-Sicherheit", "implemented", -90, -80,
       "Wenn Ihnen eine E-Mail verdächtig vorkommt, klicken Sie auf „Phishing melden“. "
       "Leiten Sie sie nicht weiter.",
       "Alle Beschäftigten nutzen den Meldeknopf im E-Mail-Programm.",
       "Weitergeleitete Phishing-Mails haben schon zweimal Schaden angerichtet.",
       status_reason="Meldeknopf überall installiert"),
    _d("passwort", "Passwortwechsel nur noch bei Verdacht", "2", ["Dezernat 2"],
       "IT-Sicherheit", "decided", -60, -45,
       "Sie müssen Ihr Passwort nicht mehr alle 90 Tage ändern – nur noch, wenn der Verdacht "
       "besteht, dass jemand es kennt.",
       "Der regelmäßige Passwortwechsel entfällt; lange Passwörter und Zwei-Faktor-Anmeldung "
       "sind Pflicht.", "Empfehlung des BSI: erzwungene Wechsel führen zu schwachen Passwörtern."),
    _d("fax_abschaffung", "Faxgeräte werden abgeschafft", "2", ["Dezernat 2"],
       "Office und Zusammenarbeit", "revoked", -240, -180,
       "Die Faxgeräte sollten abgebaut werden.", "Abbau aller Faxgeräte im Dezernat.",
       "Kaum noch genutzt.", status_reason="Aufgehoben: Gerichte und Polizei verlangen weiter "
                                           "Fax; neue Lösung wird gesucht", status_after=20),
    _d("veterinaer_tablets", "Tablets für die Lebensmittelkontrolle", "2", ["Amt 38 –"],
       "Fachverfahren", "implemented", -300, -200,
       "Kontrolleurinnen und Kontrolleure erfassen Befunde direkt vor Ort auf dem Tablet.",
       "Ausstattung aller Kontrollkräfte mit Tablets und mobiler Fachanwendung.",
       "Doppelte Erfassung im Büro entfällt.", status_reason="Alle Geräte ausgegeben"),
    _d("bürgerservice_chat", "Chat-Beratung im Bürgerservice erproben", "2", ["Amt 39 –"],
       "Onlinezugang (OZG)", "draft", -1, 90,
       "Der Bürgerservice bietet probeweise eine Chat-Beratung an.",
       "Erprobung für sechs Monate mit zwei Beschäftigten.", ""),
    _d("brandschutz_alarmierung", "Digitale Alarmierung im Katastrophenschutz", "2",
       ["Amt 37 –"], "Fachverfahren", "draft", -2, 120,
       "Die Alarmierung läuft künftig über eine App.", "", ""),
    _d("rechtsamt_vorlagen", "Einheitliche Vorlagen für Widerspruchsbescheide", "2",
       ["Amt 30 –"], "Office und Zusammenarbeit", "decided", -15, 15,
       "Für Widerspruchsbescheide nutzen Sie ab sofort die neuen Vorlagen aus der Vorlagenbox.",
       "Das Rechtsamt stellt einheitliche, barrierefreie Vorlagen bereit.",
       "Einheitliches Erscheinungsbild und barrierefreie Dokumente.", ack=True,
       edits=[(3, {"decision_text": "Das Rechtsamt stellt einheitliche, barrierefreie Vorlagen "
                               "bereit. Alte Vorlagen werden am 31. Dezember gelöscht."},
               "Löschdatum der alten Vorlagen ergänzt", True)]),
    _d("datenschutz_schulung", "Datenschutz-Schulung für alle im Zwei-Jahres-Rhythmus", "2",
       ["Dezernat 2"], "Datenschutz", "decided", -25, 35,
       "Alle zwei Jahre machen Sie die Online-Schulung Datenschutz (etwa 45 Minuten).",
       "Die Datenschutz-Schulung ist alle zwei Jahre verpflichtend.",
       "Nachweispflicht nach DSGVO; viele Fragen aus den Ämtern.", ack=True),
    _d("barrierefrei_pdf", "Nur noch barrierefreie PDF-Dokumente veröffentlichen", "2",
       ["Dezernat 2"], "Barrierefreiheit", "decided", -45, -10,
       "Dokumente für die Website erstellen Sie mit der barrierefreien Vorlage und prüfen sie "
       "vor dem Hochladen.", "Veröffentlichte PDF-Dokumente müssen barrierefrei sein.",
       "Gesetzliche Pflicht (BITV 2.0) und Rückmeldungen von Bürgerinnen und Bürgern."),
    _d("kantine_app", "Kantinenplan nur noch im Intranet", "1", ["Amt 10 –"],
       "Office und Zusammenarbeit", "implemented", -100, -90,
       "Den Speiseplan finden Sie nur noch im Intranet, nicht mehr als Aushang.",
       "Der Speiseplan erscheint ausschließlich digital.", "Weniger Aushänge, immer aktuell.",
       status_reason="Umgestellt", works_council=False),
    _d("personal_eakte", "Digitale Personalakte", "1", ["Amt 11 –"], "E-Akte", "decided",
       -35, 75,
       "Ihre Personalakte wird digital geführt. Sie können sie auf Antrag einsehen wie bisher.",
       "Das Personalamt führt Personalakten künftig elektronisch.",
       "Schnellere Bearbeitung, sichere Aufbewahrung.", ack=True,
       consulted="Personalrat, Datenschutzbeauftragte"),
    _d("kasse_bargeldlos", "Bargeldlose Kreiskasse", "1", ["Amt 20 –"], "Fachverfahren",
       "decided", -50, 10,
       "Die Kreiskasse nimmt kein Bargeld mehr an; Zahlung mit Karte oder Überweisung.",
       "Umstellung auf bargeldlose Zahlung.", "Sicherheit und weniger Aufwand."),
    _d("jugendamt_laptops", "Laptops für den Sozialen Dienst", "3", ["Amt 51 –"],
       "Mobiles Arbeiten", "implemented", -180, -120,
       "Fachkräfte im Sozialen Dienst arbeiten bei Hausbesuchen mit dem Laptop.",
       "Ausstattung mit Laptops und sicherem VPN-Zugang.",
       "Dokumentation direkt beim Termin.", status_reason="Alle Geräte im Einsatz"),
    _d("gesundheit_video", "Videosprechstunde im Gesundheitsamt", "3", ["Amt 53 –"],
       "Videokonferenz", "decided", -12, 45,
       "Beratungsgespräche können auch per Video stattfinden, wenn die Person es wünscht.",
       "Einführung der Videosprechstunde für Beratungen.",
       "Kürzere Wege für Bürgerinnen und Bürger."),
    _d("bauantrag_digital", "Digitaler Bauantrag für alle Verfahren", "4", ["Amt 60 –"],
       "Onlinezugang (OZG)", "decided", -70, 25,
       "Bauanträge kommen digital. Sie prüfen sie in der Fachanwendung statt auf Papier.",
       "Der digitale Bauantrag wird für alle Verfahrensarten geöffnet.",
       "Landesweite Vorgabe und weniger Papierpläne.", ack=True),
    _d("vhs_online", "Online-Anmeldung für alle VHS-Kurse", "5", ["Amt 43 –"],
       "Onlinezugang (OZG)", "implemented", -220, -200,
       "Kursanmeldungen laufen nur noch online; Telefonanmeldung für Menschen ohne Internet "
       "bleibt.", "Einheitliche Online-Anmeldung.", "Weniger Fehler bei der Erfassung.",
       status_reason="Umgestellt"),
    _d("schulbus_app", "Schülerbeförderung: Anträge per App", "5", ["Amt 82 –"],
       "Onlinezugang (OZG)", "draft", -3, 150, "Eltern stellen Anträge per App.", "", ""),
]

QUESTIONS = [
    ("eakte32", "Was passiert mit den Papierakten, die wir noch im Schrank haben?",
     "Laufende Papierakten führen Sie bis zum Abschluss weiter. Danach kommen sie ins Archiv."),
    ("eakte32", "Bekommen wir zusätzliche Scanner?",
     "Ja, jedes Sachgebiet bekommt einen Arbeitsplatzscanner."),
    ("eakte32", "Gibt es die Schulung auch für Teilzeitkräfte am Vormittag?", None),
    ("video100", "Gilt das auch für Termine mit Gerichten?",
     "Wenn das Gericht Video anbietet, ja. Sonst ist die Reise weiter möglich."),
    ("video100", "Wer stellt Headsets bereit?", "Das Hauptamt; bitte über die IT bestellen."),
    ("ho2026", "Muss ich den mobilen Arbeitsplatz selbst einrichten?",
     "Sie bekommen Laptop und Headset; Möbel stellt der Arbeitgeber nicht."),
    ("ho2026", "Wie werden Präsenztage im Team festgelegt?", None),
    ("ho2026", "Gilt die Vereinbarung auch für Auszubildende?", None),
    ("fuehrerschein_digital", "Was ist mit Menschen ohne Internetzugang?",
     "Für sie gibt es einen Termin am Schalter; wir erfassen den Antrag dann gemeinsam."),
    ("passwort", "Brauche ich die Zwei-Faktor-App auch im Homeoffice?", "Ja, überall."),
    ("rechtsamt_vorlagen", "Wo finde ich die Vorlagenbox?", None),
    ("datenschutz_schulung", "Zählt die Schulung als Arbeitszeit?", "Ja, selbstverständlich."),
    ("barrierefrei_pdf", "Wer prüft die Barrierefreiheit?",
     "Sie prüfen selbst mit dem Prüfwerkzeug; die Lotsinnen und Lotsen helfen."),
    ("personal_eakte", "Kann ich meine Personalakte künftig online einsehen?", None),
    ("bauantrag_digital", "Bekommen wir größere Bildschirme für die Pläne?",
     "Ja, alle Arbeitsplätze im Baurechtsamt bekommen einen zweiten großen Bildschirm."),
    ("kasse_bargeldlos", "Was ist mit Bürgern ohne Bankkonto?", None),
]
