"""Import staff and units from the CSV export of an HR system.

Validated line by line; all-or-nothing (nothing is written if any line is wrong);
idempotent (importing the same file twice changes nothing the second time).
Roles in the file are added, never removed; people missing from the file stay as they are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from intranet.audit.services import record
from intranet.auth import services as accounts
from intranet.auth.models import RoleAssignment, User
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.org.services import create_unit, org_tree

MAX_ROWS = 20000
HEADER_ALIASES = {
    "email": {"e-mail", "email", "e-mail-adresse", "mail"},
    "name": {"name", "vollständiger name", "full name"},
    "unit": {"einheit", "unit", "organisationseinheit", "pfad", "unit path"},
    "roles": {"rollen", "roles", "rolle", "role"},
}
ROLE_ALIASES = {
    "lotse": "guide",
    "lotsin": "guide",
    "guide": "guide",
    "leitung": "leadership",
    "leadership": "leadership",
    "administration": "admin",
    "admin": "admin",
    "mitarbeitende": None,
    "staff": None,
}
KIND_PREFIXES = [
    ("dezernat", "dezernat"),
    ("fachbereich", "amt"),
    ("amt", "amt"),
    ("sachgebiet", "sachgebiet"),
    ("sg ", "sachgebiet"),
    ("team", "team"),
]


@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    unit_path: list[str]
    roles: set[str]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units_created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportFailed(DomainError):
    """The file was not imported; `errors` lists (line, message) for every wrong line."""

    default_field = "file"

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(
            _l(
                "Die Datei wurde nicht importiert: %(count)d Fehler. Es wurde nichts geändert.",
                count=len(errors),
            )
        )
        self.errors = errors


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            [
                (
                    0,
                    str(
                        _l(
                            "Die Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie in Excel als "
                            "„CSV UTF-8 (durch Trennzeichen getrennt)“."
                        )
                    ),
                )
            ]
        ) from error


def parse(data: bytes) -> list[ImportRow]:
    """Parse and validate every line; raises ImportFailed listing all errors."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed([(0, str(_l("Die Datei ist leer.")))]) from None
    columns = _map_header(header)
    rows, errors, seen = [], [], {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append((line, str(_l("Zu viele Zeilen (höchstens %(n)d).", n=MAX_ROWS))))
                break
            row, row_errors = _parse_row(line, values, columns)
            if row is not None and row.email in seen:
                row_errors.append(
                    str(_l("Die E-Mail-Adresse steht schon in Zeile %(line)d.", line=seen[row.email]))
                )
            if row_errors:
                errors.extend((line, message) for message in row_errors)
            else:
                seen[row.email] = line
                rows.append(row)
    except csv.Error as error:
        errors.append(
            (reader.line_num, str(_l("Die Zeile ist kein gültiges CSV (%(detail)s).", detail=str(error))))
        )
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([(0, str(_l("Die Datei enthält keine Personen.")))])
    return rows


def _map_header(header: list[str]) -> dict[str, int]:
    columns = {}
    for index, title in enumerate(header):
        normalised = title.strip().strip("\ufeff").lower()
        for key, aliases in HEADER_ALIASES.items():
            if normalised in aliases:
                columns[key] = index
    missing = [key for key in ("email", "name", "unit") if key not in columns]
    if missing:
        names = {"email": "E-Mail", "name": "Name", "unit": "Einheit"}
        raise ImportFailed(
            [
                (
                    1,
                    str(
                        _l(
                            "Die Kopfzeile muss die Spalten E-Mail, Name und Einheit enthalten; es fehlt: "
                            "%(missing)s. Gefunden wurde: %(found)s.",
                            missing=", ".join(names[key] for key in missing),
                            found=", ".join(header)[:200] or "–",
                        )
                    ),
                )
            ]
        )
    return columns


def _cell(values: list[str], index: int | None) -> str:
    return values[index].strip() if index is not None and index < len(values) else ""


def _parse_row(line: int, values: list[str], columns: dict[str, int]):
    errors: list[str] = []
    raw_email = _cell(values, columns["email"])
    name = " ".join(_cell(values, columns["name"]).split())
    path = [" ".join(part.split()) for part in _cell(values, columns["unit"]).split("/")]
    email = raw_email.lower()
    try:
        email = validate_email(raw_email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        errors.append(str(_l("„%(value)s“ ist keine gültige E-Mail-Adresse.", value=raw_email[:80])))
    if len(email) > 254:
        errors.append(str(_l("Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen).")))
    if not name:
        errors.append(str(_l("Der Name fehlt.")))
    elif len(name) > 120:
        errors.append(str(_l("Der Name ist zu lang (höchstens 120 Zeichen).")))
    if not any(path):
        errors.append(str(_l("Die Einheit fehlt.")))
    elif not all(path) or any(len(part) > 120 for part in path):
        errors.append(
            str(
                _l(
                    "Der Einheiten-Pfad „%(path)s“ ist ungültig (leere oder zu lange Teile).",
                    path="/".join(path)[:200],
                )
            )
        )
    roles = set()
    for raw_role in _cell(values, columns.get("roles")).replace(",", "|").split("|"):
        key = raw_role.strip().lower()
        if not key:
            continue
        if key not in ROLE_ALIASES:
            errors.append(
                str(
                    _l(
                        "Unbekannte Rolle „%(role)s“ (erlaubt: Lotse, Leitung, Administration).",
                        role=raw_role.strip()[:40],
                    )
                )
            )
        elif ROLE_ALIASES[key]:
            roles.add(ROLE_ALIASES[key])
    return ImportRow(line, email, name, path, roles), errors


def _resolve_path(path: list[str]):
    """Return (deepest existing unit, missing names below it, root used)."""
    tree = org_tree()
    roots = tree.roots()
    parent_id = None
    if roots and len(roots) == 1 and roots[0].name.casefold() != path[0].casefold():
        parent_id = roots[0].id  # paths are relative to the single top unit
    deepest = tree.get(parent_id)
    for index, name in enumerate(path):
        match = next((u for u in tree.children_of(parent_id) if u.name.casefold() == name.casefold()), None)
        if match is None:
            return deepest, path[index:], None
        deepest, parent_id = match, match.id
    return deepest, [], None


def _guess_kind(name: str, depth: int) -> str:
    lowered = name.lower() + " "
    for prefix, kind in KIND_PREFIXES:
        if lowered.startswith(prefix):
            return kind
    return ("verwaltung", "dezernat", "amt", "sachgebiet", "team")[min(depth, 4)]


def import_staff(actor: User, data: bytes, create_units: bool) -> ImportResult:
    """Validate the whole file, then apply it in the caller's transaction."""
    rows = parse(data)
    errors = []
    for row in rows:
        unit, missing, _root = _resolve_path(row.unit_path)
        if missing and not create_units:
            errors.append(
                (
                    row.line,
                    str(
                        _l(
                            "Die Einheit „%(path)s“ gibt es nicht (unbekannt ab „%(name)s“). Legen Sie sie "
                            "an oder wählen Sie „Fehlende Organisationseinheiten anlegen“.",
                            path="/".join(row.unit_path)[:200],
                            name=missing[0][:120],
                        )
                    ),
                )
            )
        elif unit is not None and not missing and not unit.is_active:
            errors.append(
                (
                    row.line,
                    str(_l("Die Einheit „%(path)s“ ist deaktiviert.", path="/".join(row.unit_path)[:200])),
                )
            )
    if errors:
        raise ImportFailed(errors)

    result = ImportResult()
    existing = {
        user.email: user
        for user in db.session.scalars(
            db.select(User).where(User.email.in_([row.email for row in rows]))
        ).all()
    }
    for row in rows:
        unit = _ensure_unit(actor, row.unit_path, result)
        user = existing.get(row.email)
        if user is None:
            user = accounts.create_user(None, row.email, row.name, unit.id)
            result.created += 1
        elif user.name != row.name or user.unit_id != unit.id:
            user.name, user.unit_id = row.name, unit.id
            result.updated += 1
        else:
            result.unchanged += 1
        _add_roles(user, row.roles, unit.id)
    db.session.flush()
    record(
        actor,
        "staff_imported",
        None,
        summary=f"{result.created} neu, {result.updated} geändert, "
        f"{result.unchanged} unverändert, {result.units_created} Einheiten neu",
    )
    return result


def _ensure_unit(actor: User | None, path: list[str], result: ImportResult) -> OrgUnit:
    node, missing, _root = _resolve_path(path)
    unit = db.session.get(OrgUnit, node.id) if node is not None else None
    for name in missing:
        depth = org_tree().depth(unit.id) + 1 if unit is not None else 0
        unit = create_unit(actor, name, _guess_kind(name, depth), unit)
        result.units_created += 1
    return unit


def _add_roles(user: User, roles: set[str], unit_id: int) -> None:
    have = {(a.role, a.unit_id) for a in user.role_assignments}
    for role in roles:
        key = (role, None if role == "admin" else unit_id)
        if key not in have:
            user.role_assignments.append(RoleAssignment(role=key[0], unit_id=key[1]))
