"""The one source of "now" for services and jobs, so tests can control time, and the one
local time zone: stored times are UTC; days, deadlines and what people read are German time."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Berlin")

_override: datetime | None = None


def now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return _override if _override is not None else datetime.now(UTC)


def local_today() -> date:
    """Today's date in German time."""
    return now().astimezone(LOCAL_TZ).date()


def local_date(moment: datetime) -> date:
    """The German calendar day of an aware moment."""
    return moment.astimezone(LOCAL_TZ).date()


@contextlib.contextmanager
def frozen(at: datetime):
    """Freeze now() at the given aware datetime inside the block (tests, replays)."""
    global _override
    if at.tzinfo is None:
        raise ValueError("frozen() needs an aware datetime")
    previous, _override = _override, at.astimezone(UTC)
    try:
        yield
    finally:
        _override = previous
