"""The export layer itself: declarations in the feature registry, streaming, typed cells."""

import csv
import io
import time
import tracemalloc
from datetime import UTC, date, datetime

import openpyxl

from intranet import features
from intranet.exports.declare import DATE, DATETIME, NUMBER, Column
from intranet.exports.writers import csv_chunks, xlsx_chunks

COLUMNS = (
    Column("Nr.", lambda row: row[0], NUMBER),
    Column("Name", lambda row: row[1]),
    Column("Tag", lambda row: row[2], DATE),
    Column("Zeitpunkt", lambda row: row[3], DATETIME),
)


def _rows(count, consumed):
    for number in range(count):
        consumed.append(number)
        yield number, f"Łukasz Ayşe Jörg {number}", date(2026, 1, 1), datetime(2026, 7, 1, 10, tzinfo=UTC)


def test_every_pillar_declares_its_exports_in_the_registry():
    declared = features.exports()
    assert {"pilot-participants", "admin-people", "decision-register"} <= set(declared)
    for export in declared.values():
        assert export.columns and isinstance(export.personal_data, bool)
    assert declared["pilot-participants"].personal_data and declared["admin-people"].personal_data


def test_csv_streams_the_first_bytes_before_reading_all_rows(app):
    consumed = []
    chunks = csv_chunks(COLUMNS, _rows(10_000, consumed))
    first = next(chunks)
    assert first.startswith(b"\xef\xbb\xbf") and len(consumed) == 0
    second = next(chunks)
    assert len(consumed) < 1_000 and second
    body = first + second + b"".join(chunks)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 10_001
    assert rows[1] == ["0", "Łukasz Ayşe Jörg 0", "01.01.2026", "01.07.2026 12:00"]


def test_xlsx_of_10000_rows_is_fast_and_typed(app):
    started = time.perf_counter()
    body = b"".join(xlsx_chunks(COLUMNS, _rows(10_000, []), "Liste"))
    assert time.perf_counter() - started < 5  # about 0.4 s on an idle machine
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=False).active
    assert sheet.max_row == 10_001 and sheet.freeze_panes == "A2"
    assert sheet["A2"].value == 0 and sheet["A2"].data_type == "n"
    assert sheet["C2"].is_date and sheet["C2"].value == datetime(2026, 1, 1)
    assert sheet["D2"].value == datetime(2026, 7, 1, 12, 0)


def test_xlsx_memory_does_not_hold_the_rows(app):
    tracemalloc.start()
    try:
        for _chunk in xlsx_chunks(COLUMNS, _rows(10_000, []), "Liste"):
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # about 0.7 MB: XlsxWriter's constant-memory mode
