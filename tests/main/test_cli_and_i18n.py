"""Demo seed, English catalog, language switch."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.org.models import OrgUnit

ROOT = Path(__file__).resolve().parents[2]


def test_seed_demo_builds_landratsamt_once(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    users = db.session.scalar(select(func.count(User.id)))
    units = db.session.scalar(select(func.count(OrgUnit.id)))
    dezernate = db.session.scalar(select(func.count(OrgUnit.id)).where(OrgUnit.kind == "dezernat"))
    assert users >= 300 and units >= 110 and dezernate >= 5
    for email in ("mitarbeiterin", "lotse", "leitung", "admin"):
        assert db.session.scalar(select(User).where(User.email == f"{email}@lotse.example"))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(select(func.count(User.id))) == users


def test_demo_logins_work(app, client):
    app.test_cli_runner().invoke(args=["seed-demo"])
    for email in ("mitarbeiterin", "lotse", "leitung", "admin"):
        response = client.post(
            "/konto/anmelden", data={"email": f"{email}@lotse.example", "password": "demo"}
        )
        assert response.status_code == 303, email
        client.post("/konto/abmelden")


def test_english_catalog_is_complete_and_current(tmp_path):
    """Every German UI string is extracted and has an English translation."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    with (ROOT / "intranet/translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = sorted(str(mid) for mid in extracted if catalog.get(mid) is None)
    untranslated = sorted(
        str(m.id)
        for m in catalog
        if m.id
        and m.id in extracted
        and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    )
    assert not missing, f"{len(missing)} strings missing from the English catalog: {missing[:10]}"
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"


def test_language_switch_sets_html_lang_and_text(client, factory, login_as):
    user = factory.user()
    login_as(user)
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="de">' in html and "Abmelden" in html
    response = client.post("/konto/sprache", data={"locale": "en", "next": "/organisation/"})
    assert response.headers["Location"] == "/organisation/"
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign out" in html
    db.session.refresh(user)
    assert user.locale == "en"


def test_language_switch_refuses_foreign_redirect(client):
    response = client.post("/konto/sprache", data={"locale": "en", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"


def test_wtforms_own_messages_follow_the_language(client, factory, login_as):
    login_as(factory.admin())
    data = {"name": "A", "email": "a@b.de", "unit_id": "abc", "locale": "de"}
    assert "Ungültige Auswahl" in client.post("/verwaltung/personen/neu", data=data).get_data(as_text=True)
    client.post("/konto/sprache", data={"locale": "en"})
    assert "Invalid Choice" in client.post("/verwaltung/personen/neu", data=data).get_data(as_text=True)
