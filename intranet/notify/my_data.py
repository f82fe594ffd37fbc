"""„Meine Daten“ for notifications."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from intranet.extensions import db
from intranet.main.my_data import MyDataSection
from intranet.main.my_data import when as _when
from intranet.notify import queries


def section(user) -> MyDataSection:
    items = db.session.scalars(queries.notifications_of(user).limit(500)).all()
    return MyDataSection(
        _l("Benachrichtigungen"),
        _l("Nur Sie."),
        [
            {
                str(_l("Zeit")): _when(n.created_at),
                str(_l("Text")): n.message,
                str(_l("Gelesen")): _when(n.read_at),
            }
            for n in items
        ],
    )
