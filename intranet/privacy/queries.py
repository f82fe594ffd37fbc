"""Reads of the privacy admin pages."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.auth.models import User
from intranet.extensions import db


def get_person_or_404(user_id: int) -> User:
    person = db.session.scalar(
        select(User).options(selectinload(User.role_assignments)).where(User.id == user_id)
    )
    if person is None:
        abort(404)
    return person
