"""The one source of "now" for services and jobs, so tests can control time."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

_override: datetime | None = None


def now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return _override if _override is not None else datetime.now(UTC)


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
