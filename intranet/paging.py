"""One way to page a list: the page number is read from the request and clamped, the page size
comes from LOTSE_PER_PAGE.

`?page=99999999999999999999` must not reach SQL (an OFFSET beyond 64 bits is a database error,
a 500), and a page past the end shows the last page rather than an empty list.
"""

from __future__ import annotations

from flask import current_app, request

from intranet.extensions import db

MAX_PAGE = 100_000


def requested_page(name: str = "page") -> int:
    """The `?page=` number, 1 when missing or not a number, never above MAX_PAGE."""
    raw = request.args.get(name, "")
    if not raw.isdigit() or len(raw) > 6:
        return 1 if not raw.isdigit() else MAX_PAGE
    return min(max(int(raw), 1), MAX_PAGE)


def per_page() -> int:
    return current_app.config["LOTSE_PER_PAGE"]


def paginate(query, size: int | None = None):
    """A Flask-SQLAlchemy Pagination of `query` for the requested page (the last page when
    the number is past the end). `size` overrides LOTSE_PER_PAGE for lists of another kind,
    e.g. a short list in a side panel."""
    size = size or per_page()
    page = db.paginate(query, page=requested_page(), per_page=size, error_out=False)
    if not page.items and page.page > 1 and page.total:
        page = db.paginate(query, page=page.pages, per_page=size, error_out=False)
    return page
