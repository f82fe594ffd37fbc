"""Files the pilots feature hands out: the participant list (declared once, served as CSV and
XLSX by intranet.exports) and iCal of the dates."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event

from intranet import clock, urls
from intranet import permissions as perm
from intranet.exports.declare import DATETIME, NUMBER, Column, Export
from intranet.exports.writers import safe_cell  # noqa: F401 - kept importable for older callers
from intranet.pilots import queries
from intranet.pilots.models import CONFIRMED, Pilot, PilotSignup


@dataclass(frozen=True)
class ParticipantRow:
    signup: PilotSignup
    unit: str
    waitlist_rank: int | None


def participant_rows(user, pilot: Pilot):
    """Confirmed first, then the waitlist with its rank (1, 2, …)."""
    from intranet.org.services import org_tree

    names = {unit.id: unit.name for unit in org_tree().units.values()}
    rank = 0
    for signup in queries.participants(pilot):
        waiting = signup.status != CONFIRMED
        rank += waiting
        yield ParticipantRow(signup, names.get(signup.user.unit_id, ""), rank if waiting else None)


PARTICIPANTS = Export(
    name="pilot-participants",
    title=_l("Teilnehmende"),
    columns=(
        Column(_l("Name"), lambda row: row.signup.user.name),
        Column(_l("E-Mail"), lambda row: row.signup.user.email),
        Column(_l("Einheit"), lambda row: row.unit),
        Column(_l("Status"), lambda row: _("bestätigt") if row.waitlist_rank is None else _("Warteliste")),
        Column(_l("Wartelistenplatz"), lambda row: row.waitlist_rank, NUMBER),
        Column(_l("Angemeldet am"), lambda row: row.signup.created_at, DATETIME),
        Column(_l("Motivation"), lambda row: row.signup.motivation, width=50),
    ),
    rows=participant_rows,
    allowed=lambda user, pilot: perm.can_manage_pilot(user, pilot),
    filename=lambda pilot: f"pilotprojekt-{pilot.id}-teilnehmende",
    personal_data=True,
)


def pilot_calendar(pilot: Pilot) -> bytes:
    """The pilot's dates as an iCalendar file; links and UIDs name the installation
    (LOTSE_BASE_URL), never the request's host. DTSTAMP is when this file was made
    (RFC 5545 §3.8.7.2), not the date's start."""
    page, host = urls.absolute_url("pilots.detail", pilot_id=pilot.id), urls.base_host()
    made = clock.now()
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
        event.add("dtstamp", made)
        if item.location:
            event.add("location", item.location)
        event.add("url", page)
        calendar.add_component(event)
    return calendar.to_ical()
