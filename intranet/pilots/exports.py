"""Files the pilots feature hands out: participant CSV (German Excel) and iCal of the dates."""

from __future__ import annotations

import csv
import io

from flask_babel import format_datetime
from flask_babel import gettext as _
from icalendar import Calendar, Event

from intranet import urls
from intranet.pilots.models import CONFIRMED, Pilot, PilotSignup

# A cell starting with one of these is a formula in Excel/LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas by prefixing an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def participants_csv(pilot: Pilot, signups: list[PilotSignup], unit_names: dict[int, str]) -> bytes:
    """Semicolon-separated, UTF-8 with BOM: opens with umlauts intact in German Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(
        [
            _("Name"),
            _("E-Mail"),
            _("Einheit"),
            _("Status"),
            _("Wartelistenplatz"),
            _("Angemeldet am"),
            _("Motivation"),
        ]
    )
    rank = 0
    for signup in signups:
        waiting = signup.status != CONFIRMED
        rank += waiting
        writer.writerow(
            [
                safe_cell(cell)
                for cell in (
                    signup.user.name,
                    signup.user.email,
                    unit_names.get(signup.user.unit_id, ""),
                    _("Warteliste") if waiting else _("bestätigt"),
                    rank if waiting else "",
                    format_datetime(signup.created_at, "dd.MM.yyyy HH:mm"),
                    signup.motivation,
                )
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def pilot_calendar(pilot: Pilot) -> bytes:
    """The pilot's dates as an iCalendar file; links and UIDs name the installation
    (LOTSE_BASE_URL), never the request's host."""
    page, host = urls.absolute_url("pilots.detail", pilot_id=pilot.id), urls.base_host()
    calendar = Calendar()
    calendar.add("prodid", "-//Lotse//Pilotprojekte//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", pilot.title)
    for item in pilot.dates:
        event = Event()
        event.add("uid", f"pilot-{pilot.id}-date-{item.id}@{host}")
        event.add("summary", f"{pilot.title}: {item.title}")
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("dtstamp", item.starts_at)
        if item.location:
            event.add("location", item.location)
        event.add("url", page)
        calendar.add_component(event)
    return calendar.to_ical()
