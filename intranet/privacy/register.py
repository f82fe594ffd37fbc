"""The Verzeichnis von Verarbeitungstätigkeiten (DSGVO Art. 30), generated from the declarations."""

from __future__ import annotations

import csv
import io

from flask import current_app
from flask_babel import gettext as _

from intranet import features
from intranet.pilots.exports import safe_cell
from intranet.privacy import retention


def columns() -> list[str]:
    return [
        _("Datenkategorie"),
        _("Zweck"),
        _("Rechtsgrundlage"),
        _("Empfänger"),
        _("Speicherdauer"),
        _("Löschung"),
        _("Einstellung"),
        _("Schlüssel"),
    ]


def how_deleted(category) -> str:
    if category.purge is not None and category.retention is retention.ACCOUNT:
        return _("Job „purge“: Löschung der Person mit allen ihren Daten")
    if category.purge is not None:
        return _("Job „purge“, täglich")
    return _("mit dem Konto (Job „purge“) oder bei Löschung auf Antrag (Art. 17)")


def rows() -> list[list[str]]:
    return [
        [
            str(category.label),
            str(category.purpose),
            str(category.legal_basis),
            str(category.recipients),
            retention.describe(category.retention),
            how_deleted(category),
            f"{category.retention.setting}={retention.days(category.retention)}",
            category.key,
        ]
        for category in features.data_categories()
    ]


def controller() -> str:
    return current_app.config.get("LOTSE_ORGANISATION_NAME", "")


def as_csv() -> bytes:
    """Semicolon-separated, UTF-8 with BOM (German Excel), formula-injection safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns())
    for row in rows():
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
