"""„Meine Daten“ (DSGVO Art. 15): everything stored about a person, and who can see it.

Each feature contributes sections in its `feature.py` (`my_data`): functions
`(user) -> MyDataSection`. A section only reports data linked to the person – anonymous
content is by design not linked and therefore never appears here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_datetime

from intranet import features


@dataclass
class MyDataSection:
    title: object
    visible_to: object  # who besides the person can see this data
    rows: list[dict] = field(default_factory=list)
    # Per row (same order) a POST action for the page, e.g. ("Widerrufen", url); not in the JSON.
    actions: list[tuple[object, str] | None] = field(default_factory=list)


def when(value) -> str:
    """A timestamp as the person reads it (short, local time)."""
    return format_datetime(value, "short") if value else ""


def collect(user) -> list[MyDataSection]:
    return [section(user) for section in features.my_data_sections()]
