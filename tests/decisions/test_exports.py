"""The decision register as XLSX and CSV, with the page's filters and visibility."""

import csv
import io
from datetime import date

import openpyxl


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline=""), delimiter=";"))


def test_register_exports_the_filtered_visible_decisions(client, login_as, org, make_decision):
    make_decision(title="Łukasz' Vorschlag: Homeoffice für Ayşe", effective_date=date(2027, 3, 1))
    make_decision(title="=Formel im Titel")
    make_decision(publish=False, title="Entwurf bleibt intern")
    login_as(org["staff"])
    page = client.get("/decisions/?q=Homeoffice").get_data(as_text=True)
    assert "/decisions/liste.xlsx?q=Homeoffice" in page and "Als Excel herunterladen" in page
    assert "/decisions/liste.csv?q=Homeoffice" in page and "Als CSV" in page

    response = client.get("/decisions/liste.xlsx?q=Homeoffice")
    assert (
        response.status_code == 200
        and 'filename="entscheidungen.xlsx"' in response.headers["Content-Disposition"]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.freeze_panes == "A2" and rows[0][:3] == ("Titel", "Status", "Verantwortliche Einheit")
    assert len(rows) == 2 and rows[1][0] == "Łukasz' Vorschlag: Homeoffice für Ayşe"
    assert sheet.cell(row=2, column=7).is_date and rows[1][6].date() == date(2027, 3, 1)

    everything = _csv(client.get("/decisions/liste.csv"))
    titles = [row[0] for row in everything[1:]]
    assert "'=Formel im Titel" in titles and "Entwurf bleibt intern" not in titles
    assert everything[0][0] == "Titel"


def test_a_filter_that_matches_nothing_gives_only_the_header(client, login_as, org, make_decision):
    make_decision()
    login_as(org["staff"])
    rows = _csv(client.get("/decisions/liste.csv?q=gibt-es-nicht"))
    assert rows == [rows[0]] and rows[0][0] == "Titel"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/decisions/liste.xlsx?q=gibt-es-nicht").get_data()))
    assert sheet.active.max_row == 1


def test_decision_calendar_uid_names_the_installation(app, client, login_as, org, make_decision, monkeypatch):
    from icalendar import Calendar

    from intranet import clock

    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.kreis-beispiel.de:8443/lotse")
    decision = make_decision(effective_date=clock.local_today())
    login_as(org["staff"])
    body = client.get("/decisions/calendar.ics").get_data()
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["uid"]) == f"decision-{decision.id}@intranet.kreis-beispiel.de"
    assert event.decoded("dtstamp") <= clock.now()
