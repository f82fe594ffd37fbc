"""Server-rendered SVG charts: one component for every picture Lotse draws.

Three shapes, each computed here and drawn by the macros in `templates/_macros/charts.html`:

- `bar_chart(...)` – horizontal bars, one row per item, optionally stacked in segments
  (training report per unit, acknowledgements per unit). It is drawn inside a `<figure>` whose
  `<figcaption>` is its accessible name, and the same numbers are in a `<table>` in that figure
  (for screen readers, for printing, and for anyone who prefers numbers). The bars themselves
  are `aria-hidden`: the table says everything they show.
- `progress(done, total)` – a progress bar ("2 von 5 Schritten").
- `capacity(taken, places, waiting)` – places taken, free places and the waiting list
  ("7 von 10 Plätzen belegt, 3 auf der Warteliste").

Progress and capacity bars are one number pair each: their numbers are written next to the bar
in words, and the bar carries the same sentence as its accessible name (`role="img"`).

Why not pygal: pygal draws nice SVG, but it writes inline `style` attributes and embeds
`<script>` for tooltips unless switched off piecemeal, both of which our strict CSP forbids; its
labels are drawn as SVG text in a fixed-size canvas, so on a 390 px phone they shrink to
unreadable sizes; and it has no notion of a data table or of an accessible name in German. Three
bar shapes need a few lines of arithmetic, so we keep them here: geometry in Python (tested),
markup in Jinja (escaped), colours and sizes in app.css (classes and SVG attributes only).
Segments differ in lightness and outline, not only in hue, and every number is printed as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass(frozen=True)
class Segment:
    index: int  # 0, 1, 2 … → CSS class seg-<index>; the legend lists them in this order
    label: str
    value: int
    x: float  # left edge, percent of the chart's scale
    width: float  # percent of the chart's scale


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    total: int
    text: str  # the row's numbers in words, shown next to the bar


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    legend: tuple[str, ...]
    rows: tuple[Row, ...]
    scale: int


@dataclass(frozen=True)
class Meter:
    """A progress or capacity bar: segments on a scale, and one sentence saying it all."""

    segments: tuple[Segment, ...]
    scale: int
    text: str


def _percent(value: int, scale: int) -> float:
    return round(100 * value / scale, 2) if scale > 0 else 0.0


def _segments(values: list[tuple[str, int]], scale: int) -> tuple[Segment, ...]:
    segments, x = [], 0.0
    for index, (label, value) in enumerate(values):
        width = _percent(max(value, 0), scale)
        segments.append(Segment(index, label, max(value, 0), round(x, 2), width))
        x += width
    return tuple(segments)


def bar_chart(
    chart_id: str, title: str, legend: list[str], rows: list[tuple[str, list[int], int, str]]
) -> BarChart:
    """Rows of (label, segment values, row total, text); bars share one scale (the largest total),
    so longer bars mean more people."""
    scale = max((total for _label, _values, total, _text in rows), default=0)
    return BarChart(
        id=chart_id,
        title=title,
        legend=tuple(legend),
        rows=tuple(
            Row(label, _segments(list(zip(legend, values, strict=True)), scale), total, text)
            for label, values, total, text in rows
        ),
        scale=scale,
    )


def progress(done: int, total: int) -> Meter:
    """Steps done of all steps."""
    done = min(max(done, 0), max(total, 0))
    percent = round(100 * done / total) if total else 0
    text = _(
        "%(done)d von %(total)d Schritten erledigt (%(percent)d %%)", done=done, total=total, percent=percent
    )
    return Meter(_segments([(_("erledigt"), done)], max(total, 0)), max(total, 0), text)


def capacity(taken: int, places: int, waiting: int | None = None) -> Meter:
    """Places taken and free; people waiting are drawn after the places, outlined."""
    taken, places = max(taken, 0), max(places, 0)
    free = max(places - taken, 0)
    text = _("%(taken)d von %(capacity)d Plätzen belegt", taken=taken, capacity=places)
    values = [(_("belegt"), min(taken, max(places, taken))), (_("frei"), free)]
    if waiting:
        text += ", " + _("%(num)d auf der Warteliste", num=waiting)
        values.append((_("Warteliste"), waiting))
    scale = max(places, taken) + (waiting or 0)
    return Meter(_segments(values, scale), scale, text)
