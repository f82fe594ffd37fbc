"""Validation messages every form shares, defined once (German, translated lazily)."""

from __future__ import annotations

from flask_babel import LazyString, format_number, gettext
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

REQUIRED = _l("Bitte füllen Sie dieses Feld aus.")
EMAIL_INVALID = _l("Bitte geben Sie eine gültige E-Mail-Adresse ein.")
# The one formatting help for every long text field (rendered with `| md`), in plain German.
FORMATTING_HELP = _l(
    "So gestalten Sie den Text: Fett: zwei Sternchen davor und danach (**wichtig**). "
    "Aufzählung: jede Zeile mit einem Bindestrich und Leerzeichen beginnen („- “). "
    "Zwischenüberschrift: Zeile mit zwei Rautezeichen beginnen („## “). "
    "Link: Text in eckigen Klammern, Adresse in runden Klammern ([Intranet](https://…))."
)


def too_long(limit: int) -> LazyString:
    """ "Höchstens 20.000 Zeichen." – the number written as the reader's language writes it."""
    return LazyString(lambda: gettext("Höchstens %(max)s Zeichen.", max=format_number(limit)))


def max_length(limit: int) -> Length:
    """A Length validator with the shared German message."""
    return Length(max=limit, message=too_long(limit))
