"""Read the charts of a rendered page and check them against their data tables (issue 17).

Every `figure.chart` must be named by its caption and hold a `<table>` whose row for each bar
shows the bar's numbers; every meter (progress, capacity) must carry its numbers in its
accessible name.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag=None, cls=None):
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in (node.attrs.get("class") or "").split())
        ]

    def all_text(self) -> str:
        return " ".join(" ".join(node.text.split()) for node in self.iter() if node.text.strip())


VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = _Node("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(_Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text += data


def parse(html: str) -> _Node:
    tree = _Tree()
    tree.feed(html)
    return tree.root


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def check_charts(html: str) -> int:
    """Assert every chart and meter on the page; return how many charts were checked."""
    root = parse(html)
    ids = {node.attrs.get("id"): node for node in root.iter() if node.attrs.get("id")}
    figures = root.find_all("figure", "chart")
    for figure in figures:
        caption = ids[figure.attrs["aria-labelledby"]]
        assert caption.tag == "figcaption" and caption.all_text(), "chart without accessible name"
        tables = figure.find_all("table")
        assert len(tables) == 1, "chart without data table"
        table_rows = {
            row.find_all("th")[0].all_text().split(" (")[0]: numbers(row.all_text())
            for row in tables[0].find_all("tbody")[0].find_all("tr")
        }
        for chart_row in figure.find_all("div", "chart-row"):
            label = chart_row.find_all("span", "chart-label")[0].all_text()
            values = [int(rect.attrs["data-value"]) for rect in chart_row.find_all("rect", "seg")]
            assert label in table_rows, f"bar {label!r} has no row in the table"
            for value in values:
                assert value in table_rows[label], f"{label}: {value} not in table row {table_rows[label]}"
    for meter in root.find_all("div", "meter"):
        bar = meter.find_all("svg", "chart-bar")[0]
        name = bar.attrs.get("aria-label") or ""
        assert bar.attrs.get("role") == "img" and name, "meter without accessible name"
        values = [int(rect.attrs["data-value"]) for rect in bar.find_all("rect", "seg")]
        for value in values:
            assert value in numbers(name), f"meter value {value} not in its name {name!r}"
    return len(figures)
