"""Reads of the platform pages."""

from __future__ import annotations

from flask import abort
from sqlalchemy import text

from intranet.extensions import db
from intranet.main import site_pages
from intranet.main.models import SitePage


def database_ok() -> bool:
    """True when the database answers a trivial query (for the health check)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means the database is not usable
        db.session.rollback()
        return False
    return True


def get_site_page_or_404(slug: str) -> SitePage:
    """The stored page, or its default text while no admin has edited it; unknown slugs are 404."""
    if slug not in site_pages.SLUGS:
        abort(404)
    return site_pages.load_page(slug)
