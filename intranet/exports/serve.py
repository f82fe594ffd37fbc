"""Serving a declared export: the declaration's permission, an audit entry for personal data
(who, which list, when, in which format – never the content), a streamed response."""

from __future__ import annotations

from flask import Response, stream_with_context

from intranet import features
from intranet import permissions as perm
from intranet.audit.services import record
from intranet.domain import attempt
from intranet.exports.declare import Export
from intranet.exports.writers import csv_chunks, xlsx_chunks

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def declared(name: str) -> Export:
    """The export a feature declared under this name."""
    return features.exports()[name]


def respond(name: str, fmt: str, user, audit_details: dict | None = None, **params) -> Response:
    """The file for `user`; 403 unless the declaration allows it."""
    export = declared(name)
    perm.require(fmt in FORMATS and export.allowed(user, **params))
    if export.personal_data:
        attempt(lambda: record_download(user, export, fmt, audit_details or {}))
    filename = f"{export.filename(**params)}.{fmt}"
    columns, title = tuple(export.columns), str(export.title)
    rows = export.rows(user, **params)
    if fmt == "csv":
        body = csv_chunks(columns, rows)
    else:
        body = xlsx_chunks(columns, rows, title)
    return Response(
        stream_with_context(body),
        mimetype=FORMATS[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def record_download(user, export: Export, fmt: str, details: dict):
    """Audit who downloaded which list of personal data, when and how – never the rows."""
    return record(
        user, "export.download", summary=f"{export.name}.{fmt}", export=export.name, format=fmt, **details
    )
