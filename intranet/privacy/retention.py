"""Retention periods: the declaration (`features.Retention`), its effective value and its wording.

Each period is a number of days in the app config, read from the environment at start
(`LOTSE_RETENTION_*`, see config.py and README). The defaults live in the declarations, next
to the reason for them, so the admin page, "Meine Daten" and the Verzeichnis show the same
value the `purge` job uses.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet import clock
from intranet.features import Retention

# Shared by every category that lives exactly as long as the account (it is erased with it).
ACCOUNT = Retention(
    "LOTSE_RETENTION_ACCOUNT_DAYS",
    730,
    _l("nach der Deaktivierung des Kontos (dann wird die Person gelöscht)"),
    _l(
        "Wer ausscheidet, wird deaktiviert, nicht sofort gelöscht: Rückfragen zu Zuständigkeiten, "
        "Nachweisen und Beiträgen kommen erfahrungsgemäß bis zu zwei Jahre später. Danach "
        "überwiegt das Löschinteresse; öffentliche Beiträge bleiben ohne Namen stehen."
    ),
)


def days(retention: Retention) -> int:
    """The period in effect: the configured value, else the declared default."""
    value = current_app.config.get(retention.setting)
    return int(value) if value not in (None, "") else retention.default_days


def source(retention: Retention) -> str:
    """Where the effective value comes from, for the admin page."""
    if retention.setting in os.environ:
        return _("Umgebungsvariable")
    if days(retention) != retention.default_days:
        return _("Konfiguration")
    return _("Voreinstellung")


def cutoff(retention: Retention, now: datetime | None = None) -> datetime:
    """Everything older than this has passed its retention period."""
    return (now or clock.now()) - timedelta(days=days(retention))


def describe(retention: Retention) -> str:
    """The period as people read it, e.g. „90 Tage nach dem Eintrag“."""
    count = days(retention)
    if count % 365 == 0:
        span = _("%(years)d Jahr(e)", years=count // 365)
    else:
        span = _("%(days)d Tage", days=count)
    return f"{span} {retention.after}"
