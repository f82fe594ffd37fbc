"""How a pillar declares an exportable list: columns with German titles and types, who may
have it, whether it holds personal data (then every download is audited)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

TEXT, NUMBER, DATE, DATETIME = "text", "number", "date", "datetime"


@dataclass(frozen=True)
class Column:
    """One column: its German title (lazy), how to read the value from a row, its type."""

    title: object
    value: Callable[[Any], Any]
    type: str = TEXT
    width: int | None = None  # characters; None: from the title and the first rows


@dataclass(frozen=True)
class Export:
    """A list that leaves Lotse as a file. `rows(user, **params)` yields the rows (a query's
    rows streamed, never a list built in memory for big lists); `allowed(user, **params)` is
    the page's own permission rule; `filename(**params)` the file's name without extension."""

    name: str
    title: object
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable]
    allowed: Callable[..., bool]
    filename: Callable[..., str]
    personal_data: bool = False
