"""„Meine Daten“: how long each category is kept – from the same declarations the purge uses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from intranet import features
from intranet.main.my_data import MyDataSection
from intranet.privacy import retention


def retention_section(user) -> MyDataSection:
    return MyDataSection(
        _l("Wie lange Lotse Ihre Daten speichert"),
        _l("Gilt für alle; die Fristen stehen auch im Verzeichnis der Verarbeitungstätigkeiten."),
        [
            {
                str(_l("Daten")): str(category.label),
                str(_l("Zweck")): str(category.purpose),
                str(_l("Speicherdauer")): retention.describe(category.retention),
            }
            for category in features.data_categories()
        ],
    )
