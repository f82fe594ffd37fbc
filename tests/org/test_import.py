"""CSV import of staff and units: validated line by line, all-or-nothing, idempotent."""

import io

import pytest
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.org.models import OrgUnit

GOOD = (
    "E-Mail;Name;Einheit;Rollen\n"
    "anna.mueller@kreis.example;Anna Müller;Dezernat 2/Amt 32/SG 32.1;\n"
    "bernd.koch@kreis.example;Bernd Koch;Dezernat 2/Amt 32;Lotse\n"
    "carla.sommer@kreis.example;Carla Sommer;Dezernat 2;Leitung, Lotse\n"
)


def upload(client, content: bytes | str, create_units=False, filename="personal.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    form = {"file": (io.BytesIO(data), filename)}
    if create_units:
        form["create_units"] = "y"
    return client.post("/verwaltung/import", data=form, content_type="multipart/form-data")


@pytest.fixture
def admin_client(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    client.tree = tree
    return client


def user_count():
    return db.session.scalar(select(func.count(User.id)))


def test_import_creates_people_and_roles_and_is_idempotent(admin_client):
    response = upload(admin_client, GOOD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "3 Personen neu angelegt" in html
    carla = db.session.scalar(select(User).where(User.email == "carla.sommer@kreis.example"))
    assert carla.roles == {"staff", "guide", "leadership"}
    assert carla.unit_id == admin_client.tree["d2"].id
    before = user_count()
    html = upload(admin_client, GOOD).get_data(as_text=True)
    assert "3 Personen unverändert" in html and "0 Personen neu angelegt" in html
    assert user_count() == before
    assert len(carla.role_assignments) == 2


@pytest.mark.parametrize("encoding,separator", [("utf-8-sig", ";"), ("utf-8", ","), ("utf-8-sig", ",")])
def test_excel_variants_are_accepted(admin_client, encoding, separator):
    roles = '"Leitung, Lotse"' if separator == "," else "Leitung, Lotse"
    content = GOOD.replace(";", separator).replace("Leitung, Lotse", roles)
    response = upload(admin_client, content.replace("\n", "\r\n").encode(encoding))
    assert "3 Personen neu angelegt" in response.get_data(as_text=True)


def test_every_bad_line_is_reported_with_its_number_and_nothing_is_imported(admin_client):
    content = (
        "E-Mail;Name;Einheit;Rollen\n"
        "gut@kreis.example;Gut;Dezernat 2/Amt 32;\n"
        "kaputt;Ohne Mail;Dezernat 2/Amt 32;\n"
        "gut@kreis.example;Doppelt;Dezernat 2/Amt 32;\n"
        "leer@kreis.example;;Dezernat 2/Amt 99;Chef\n"
        "lang@kreis.example;" + "x" * 200 + ";Dezernat 2//Amt 32;\n"
    )
    before = user_count()
    response = upload(admin_client, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Es wurde nichts geändert" in html
    for line, message in [
        (3, "keine gültige E-Mail-Adresse"),
        (4, "schon in Zeile 2"),
        (5, "Der Name fehlt."),
        (5, "Unbekannte Rolle „Chef“"),
        (6, "Der Name ist zu lang"),
        (6, "ungültig"),
    ]:
        assert f"<td>{line}</td><td>" in html
        assert message in html, message
    assert user_count() == before


def test_unknown_unit_paths_are_errors_unless_creation_is_chosen(admin_client):
    content = "E-Mail;Name;Einheit\nneu@kreis.example;Neu;Dezernat 2/Amt 33/SG 33.1\n"
    html = upload(admin_client, content).get_data(as_text=True)
    assert "gibt es nicht (unbekannt ab „Amt 33“)" in html
    assert db.session.scalar(select(OrgUnit).where(OrgUnit.name == "Amt 33")) is None
    html = upload(admin_client, content, create_units=True).get_data(as_text=True)
    assert "2 Organisationseinheiten neu angelegt" in html
    sg = db.session.scalar(select(OrgUnit).where(OrgUnit.name == "SG 33.1"))
    assert sg.kind == "sachgebiet" and sg.parent.name == "Amt 33"


def test_paths_may_start_with_the_top_unit(admin_client):
    content = "E-Mail;Name;Einheit\nneu@kreis.example;Neu;Landratsamt Test/Dezernat 2/Amt 32\n"
    assert "1 Personen neu angelegt" in upload(admin_client, content).get_data(as_text=True)


@pytest.mark.parametrize(
    "content,message",
    [
        ("Vorname,Nachname\nA,B\n", "Die Kopfzeile muss die Spalten E-Mail, Name und Einheit enthalten"),
        ("", "Die Datei ist leer."),
        ("E-Mail;Name;Einheit\n", "keine Personen"),
        ("E-Mail;Name;Einheit\nä@x.de;Jürgen;Amt\n".encode("latin-1"), "nicht UTF-8-kodiert"),
    ],
)
def test_malformed_files_get_clear_messages(admin_client, content, message):
    response = upload(admin_client, content)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_wrong_file_type_and_too_large_file(admin_client):
    response = upload(admin_client, GOOD, filename="personal.xlsx")
    assert "Bitte laden Sie eine CSV-Datei" in response.get_data(as_text=True)
    big = GOOD.encode() + b"x" * (10 * 1024 * 1024)
    response = upload(admin_client, big)
    assert response.status_code in (413, 422)
    assert "zu groß" in response.get_data(as_text=True)


def test_import_without_file(admin_client):
    response = admin_client.post("/verwaltung/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Bitte wählen Sie eine CSV-Datei aus." in response.get_data(as_text=True)
