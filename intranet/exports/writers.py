"""The file formats: CSV for German Excel and typed XLSX, both written row by row."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import xlsxwriter

from intranet import clock
from intranet.exports.declare import DATE, DATETIME, NUMBER, Column

# A cell starting with one of these is a formula in Excel/LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CHUNK_ROWS = 200
CHUNK_BYTES = 64 * 1024
MAX_WIDTH = 60


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas by prefixing an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment: datetime) -> datetime:
    """A stored (aware UTC) moment as the wall-clock time in the administration, without zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(clock.LOCAL_TZ)
    return moment.replace(tzinfo=None)


def _csv_text(column: Column, value) -> str:
    if value is None or value == "":
        return ""
    if column.type == DATETIME and isinstance(value, datetime):
        return _local(value).strftime("%d.%m.%Y %H:%M")
    if column.type == DATE and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if column.type == NUMBER and isinstance(value, int | float):
        return str(value).replace(".", ",")
    return safe_cell(value)


def csv_chunks(columns: tuple[Column, ...], rows: Iterable) -> Iterator[bytes]:
    """Semicolon-separated, UTF-8 with BOM (umlauts and "Łukasz" intact in German Excel),
    formulas neutralised; yields a chunk every few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_cell(str(column.title)) for column in columns])
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, 1):
        writer.writerow([_csv_text(column, column.value(row)) for column in columns])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(columns: tuple[Column, ...], rows: Iterable, sheet_title: str) -> Iterator[bytes]:
    """One worksheet: German titles in a frozen, bold header row, dates as dates, numbers as
    numbers, widths from the titles and the content. XlsxWriter's constant-memory mode keeps
    one row in memory; the finished file is streamed from a temporary file."""
    with tempfile.TemporaryFile() as handle:
        book = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
        sheet = book.add_worksheet(_sheet_name(sheet_title))
        header = book.add_format({"bold": True, "bottom": 1})
        formats = {
            DATE: book.add_format({"num_format": "dd.mm.yyyy"}),
            DATETIME: book.add_format({"num_format": "dd.mm.yyyy hh:mm"}),
        }
        widths = [len(str(column.title)) + 2 for column in columns]
        for index, column in enumerate(columns):
            sheet.write_string(0, index, str(column.title), header)
        sheet.freeze_panes(1, 0)
        for number, row in enumerate(rows, 1):
            for index, column in enumerate(columns):
                value = column.value(row)
                width = _write(sheet, number, index, column, value, formats)
                widths[index] = max(widths[index], width)
        for index, column in enumerate(columns):
            sheet.set_column(index, index, column.width or min(max(widths[index], 8), MAX_WIDTH))
        sheet.autofilter(0, 0, 0, len(columns) - 1)
        book.close()
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


def _write(sheet, row: int, col: int, column: Column, value, formats) -> int:
    """Write one typed cell; return the width it needs."""
    if value is None or value == "":
        return 0
    if column.type == DATETIME and isinstance(value, datetime):
        sheet.write_datetime(row, col, _local(value), formats[DATETIME])
        return 17
    if column.type == DATE and isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), formats[DATE])
        return 11
    if column.type == NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
        return len(str(value)) + 2
    text = str(value)
    sheet.write_string(row, col, text)  # a string cell, never a formula
    return min(len(text), MAX_WIDTH) + 2


def _sheet_name(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return (cleaned or "Liste")[:31]
