"""The admin person list as XLSX and CSV: same filters and permission as the page, audited."""

import csv
import io

import openpyxl
from sqlalchemy import func, select

from intranet.audit.models import AuditEntry
from intranet.extensions import db


def _rows(response):
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline=""), delimiter=";"))


def test_person_list_exports_with_the_page_filters(client, factory, login_as):
    admin = factory.admin(name="Anna Admin")
    factory.user(name="Ayşe Yılmaz", email="ayse@example.org")
    factory.user(name="Łukasz Nowak", email="lukasz@example.org")
    factory.user(name="@SUMME(A1)", email="formel@example.org")
    login_as(admin)
    page = client.get("/verwaltung/personen?q=example.org").get_data(as_text=True)
    assert "/verwaltung/personen.xlsx?q=example.org" in page and "Als Excel herunterladen" in page
    assert "/verwaltung/personen.csv?q=example.org" in page and "Als CSV" in page

    response = client.get("/verwaltung/personen.csv?q=example.org")
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    rows = _rows(response)
    assert rows[0][:5] == ["Name", "E-Mail", "Einheit", "Rollen", "Status"]
    names = [row[0] for row in rows[1:]]
    assert names == ["'@SUMME(A1)", "Ayşe Yılmaz", "Łukasz Nowak"]

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/verwaltung/personen.xlsx").get_data())).active
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Name" and {"Anna Admin", "Ayşe Yılmaz", "Łukasz Nowak"} <= {r[0] for r in values}
    created = sheet.cell(row=2, column=6)
    assert created.is_date
    audited = db.session.scalar(select(func.count()).where(AuditEntry.action == "export.download"))
    assert audited == 2


def test_a_filter_that_matches_nothing_gives_only_the_header(client, factory, login_as):
    login_as(factory.admin())
    rows = _rows(client.get("/verwaltung/personen.csv?q=niemand-heisst-so"))
    assert len(rows) == 1 and rows[0][0] == "Name"
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/verwaltung/personen.xlsx?q=niemand-heisst-so").get_data())
    ).active
    assert [row for row in sheet.iter_rows(values_only=True)][0][0] == "Name"
    assert sheet.max_row == 1


def test_losing_the_admin_role_loses_the_export_at_once(client, factory, login_as):
    from intranet.auth.models import RoleAssignment

    admin = factory.admin()
    login_as(admin)
    assert client.get("/verwaltung/personen.csv").status_code == 200
    db.session.execute(db.delete(RoleAssignment).where(RoleAssignment.user_id == admin.id))
    db.session.commit()
    assert client.get("/verwaltung/personen.csv").status_code == 403
