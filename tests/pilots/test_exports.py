"""The participant list as XLSX and CSV, read back with openpyxl and the csv module."""

import csv
import io
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import select

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.pilots import signups


def _participants(factory, make_pilot):
    pilot = make_pilot(capacity=1)
    unit = factory.unit(name="Amt für Übersetzung")
    with clock.frozen(datetime(2026, 3, 2, 8, 30, tzinfo=UTC)):
        signups.sign_up(pilot, factory.user(name="Łukasz Wiśniewski", unit=unit), "Gerne dabei")
        signups.sign_up(pilot, factory.user(name="Ayşe Yılmaz", unit=unit), '=HYPERLINK("http://x")')
    db.session.commit()
    return pilot


def test_xlsx_has_typed_cells_a_frozen_german_header_and_is_audited(client, factory, login_as, make_pilot):
    pilot = _participants(factory, make_pilot)
    login_as(pilot.owner)
    response = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="pilotprojekt-' in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Name",
        "E-Mail",
        "Einheit",
        "Status",
        "Wartelistenplatz",
        "Angemeldet am",
        "Motivation",
    )
    assert rows[1][0] == "Łukasz Wiśniewski" and rows[1][2] == "Amt für Übersetzung"
    assert rows[1][4] is None
    assert rows[2][0] == "Ayşe Yılmaz" and rows[2][3] == "Warteliste"
    assert rows[2][4] == 1 and isinstance(rows[2][4], int)
    # 08:30 UTC is 09:30 in Germany in March: the sheet shows the local time, as a real date.
    assert rows[1][5] == datetime(2026, 3, 2, 9, 30)
    assert sheet.cell(row=3, column=7).data_type == "s"  # the formula stays a string
    assert sheet.column_dimensions["A"].width >= len("Łukasz Wiśniewski")
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export.download")).one()
    assert entry.actor_id == pilot.owner.id and entry.summary == "pilot-participants.xlsx"
    assert "Łukasz" not in str(entry.details) and "Gerne" not in str(entry.details)


def test_csv_keeps_non_latin1_names_and_neutralises_formulas(client, factory, login_as, make_pilot):
    pilot = _participants(factory, make_pilot)
    login_as(pilot.owner)
    raw = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende.csv").get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][0] == "Name" and len(rows) == 3
    assert rows[1][0] == "Łukasz Wiśniewski" and rows[1][5] == "02.03.2026 09:30"
    assert rows[2][0] == "Ayşe Yılmaz" and rows[2][6] == '\'=HYPERLINK("http://x")'


def test_other_people_get_no_file_and_no_audit_entry(client, factory, login_as, make_pilot):
    pilot = _participants(factory, make_pilot)
    login_as(factory.user())
    assert client.get(f"/pilotprojekte/{pilot.id}/teilnehmende.xlsx").status_code == 403
    assert (
        db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export.download")).first() is None
    )


def test_manage_page_links_both_formats(client, factory, login_as, make_pilot):
    pilot = _participants(factory, make_pilot)
    login_as(pilot.owner)
    page = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").get_data(as_text=True)
    assert f"/pilotprojekte/{pilot.id}/teilnehmende.xlsx" in page and "Als Excel herunterladen" in page
    assert f"/pilotprojekte/{pilot.id}/teilnehmende.csv" in page and "Als CSV" in page


def test_pilot_calendar_stamps_now_and_names_the_installation(
    app, client, factory, login_as, make_pilot, monkeypatch
):
    from datetime import date, time, timedelta

    from icalendar import Calendar

    from intranet.pilots import services

    monkeypatch.setitem(app.config, "LOTSE_BASE_URL", "https://intranet.kreis-beispiel.de")
    pilot = make_pilot(title="Mobiles Arbeiten")
    later = clock.local_today() + timedelta(days=200)
    services.add_date(pilot, pilot.owner, "Auftakt", later, time(9), time(11), "Raum 204")
    db.session.commit()
    login_as(factory.user())
    before = clock.now().replace(microsecond=0)
    calendar = Calendar.from_ical(client.get(f"/pilotprojekte/{pilot.id}/termine.ics").get_data())
    (event,) = calendar.walk("VEVENT")
    assert before <= event.decoded("dtstamp") <= clock.now()
    assert event.decoded("dtstart").date() == later
    assert str(event["uid"]).endswith("@intranet.kreis-beispiel.de")
    assert date.today() < later
