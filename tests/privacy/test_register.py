"""One declaration, three places: "Meine Daten", the purge and the Verzeichnis von
Verarbeitungstätigkeiten name every data category with the same retention period."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from intranet import features
from intranet.privacy import retention
from intranet.privacy.purge import purge

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_category_appears_in_my_data_the_register_and_the_purge(app, client, login_as, org):
    categories = features.data_categories()
    assert {c.key for c in categories} >= {
        "account", "logins", "audit", "notifications", "mail", "guides_private_questions",
        "pilot_signups", "feedback_secrets",
    }  # fmt: skip
    login_as(org.staff)
    my_data = client.get("/meine-daten").get_data(as_text=True)
    download = client.get("/meine-daten.json").get_json()["Wie lange Lotse Ihre Daten speichert"]["daten"]
    login_as(org.admin)
    page = client.get("/verwaltung/verarbeitungsverzeichnis").get_data(as_text=True)
    table = list(
        csv.DictReader(
            io.StringIO(client.get("/verwaltung/verarbeitungsverzeichnis.csv").data.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    purged = dict(part.split("=") for part in purge().split(", "))
    by_label = {row["Datenkategorie"]: row for row in table}
    for category in categories:
        label, period = str(category.label), retention.describe(category.retention)
        assert label in my_data and period in my_data, category.key
        assert {"Daten": label, "Zweck": str(category.purpose), "Speicherdauer": period} in download
        assert label in page and period in page, category.key
        assert by_label[label]["Speicherdauer"] == period
        assert by_label[label]["Schlüssel"] == category.key
        # The purge covers it: on its own clock, or with the account it belongs to.
        if category.purge is not None:
            assert category.key in purged
        else:
            assert category.retention is retention.ACCOUNT and category.erase is not None
            assert "account" in purged


def test_the_register_csv_opens_in_german_excel(app, client, login_as, org):
    login_as(org.admin)
    response = client.get("/verwaltung/verarbeitungsverzeichnis.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    header = response.data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Datenkategorie;Zweck;Rechtsgrundlage;Empfänger;Speicherdauer")


def test_every_period_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for category in features.data_categories():
        setting = category.retention
        assert setting.setting in readme, setting.setting
        assert f"| `{setting.setting}` | {setting.default_days} |" in readme, setting.setting


def test_the_admin_page_shows_the_effective_values(make_app, login_as, org, monkeypatch):
    monkeypatch.setenv("LOTSE_RETENTION_MAIL_DAYS", "30")
    other = make_app(LOTSE_RETENTION_MAIL_DAYS=30)
    client = other.test_client()
    login_as(org.admin, client)
    page = client.get("/verwaltung/aufbewahrung").get_data(as_text=True)
    assert "LOTSE_RETENTION_MAIL_DAYS=30" in page and "30 Tage nach dem Erstellen der E-Mail" in page
    assert "Umgebungsvariable" in page
    assert "LOTSE_RETENTION_AUDIT_DAYS=365" in page and "1 Jahr(e) nach dem Eintrag" in page
