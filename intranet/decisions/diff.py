"""A readable word-level diff between two revisions of a decision (difflib)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from intranet.decisions.models import STATUS_LABELS

FIELD_LABELS = [
    ("title", _l("Titel")),
    ("summary", _l("Was ändert sich für mich?")),
    ("context", _l("Ausgangslage")),
    ("decision_text", _l("Entscheidung")),
    ("rationale", _l("Begründung")),
    ("alternatives", _l("Geprüfte Alternativen")),
    ("consequences", _l("Auswirkungen")),
    ("unit", _l("Verantwortliche Einheit")),
    ("affected_units", _l("Betroffene Einheiten")),
    ("decided_on", _l("Entschieden am")),
    ("effective_date", _l("Gilt ab")),
    ("review_date", _l("Überprüfung am")),
    ("decided_by", _l("Entschieden von")),
    ("consulted", _l("Beteiligt")),
    ("works_council_involved", _l("Personalrat beteiligt")),
    ("topic", _l("Thema")),
    ("requires_acknowledgement", _l("Kenntnisnahme erforderlich")),
    ("status", _l("Status")),
    ("superseded_by", _l("Ersetzt durch Nr.")),
]
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldDiff:
    label: str
    segments: list[tuple[str, str]]  # (equal|delete|insert, text)


YES_NO_FIELDS = {"works_council_involved", "requires_acknowledgement"}


def _display(name: str, value: str) -> str:
    """Stored codes (status, ja/nein) in the reader's language."""
    if name == "status":
        return str(STATUS_LABELS.get(value, value))
    if name in YES_NO_FIELDS:
        return str(_l("ja") if value == "ja" else _l("nein"))
    return value or ""


def diff_field(old: str, new: str) -> list[tuple[str, str]]:
    """Words removed and inserted, with unchanged text in between."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    segments: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(old_tokens[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(old_tokens[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(new_tokens[b1:b2])))
    return segments


def diff_snapshots(old: dict, new: dict) -> list[FieldDiff]:
    """Only the fields that changed, in reading order."""
    changes = []
    for name, label in FIELD_LABELS:
        before, after = _display(name, old.get(name, "")), _display(name, new.get(name, ""))
        if before != after:
            changes.append(FieldDiff(str(label), diff_field(before, after)))
    return changes
