"""Erasure of a person (DSGVO Art. 17), run by an admin or by the `purge` job.

Every data category declared in a `feature.py` erases its part (`DataCategory.erase`); the
account goes last and becomes "ehemalige Mitarbeiterin / ehemaliger Mitarbeiter". Public
content stays under that name unless the person asked for it to go too; counters and per-unit
figures stay as they were. The audit entry names the erasure and its counts, never the data.

The preview is the erasure itself, run inside a savepoint and rolled back: what the admin is
shown is exactly what happens, not a second description of it that could drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from intranet import features
from intranet.audit.services import record
from intranet.auth.services import count_admins
from intranet.domain import DomainError
from intranet.extensions import db


class ErasureError(DomainError):
    default_field = "confirm"


@dataclass
class Effect:
    category: object  # the category's label
    what: object
    count: int


def check(actor, person) -> None:
    """Refuse what must not be erased: twice, oneself, the last admin."""
    if person.erased_at is not None:
        raise ErasureError(_l("Diese Person wurde bereits gelöscht. Es gibt nichts mehr zu löschen."))
    if actor is not None and actor.id == person.id:
        raise ErasureError(
            _l(
                "Sie können Ihr eigenes Konto nicht löschen. "
                "Bitten Sie eine andere Person der Administration."
            )
        )
    if "admin" in person.roles and count_admins() <= 1:
        raise ErasureError(
            _l(
                "Diese Person ist die einzige in der Administration. Ernennen Sie zuerst eine "
                "weitere Person zur Administration; sonst kann niemand Lotse mehr verwalten."
            )
        )


def erase_person(actor, person, delete_contributions: bool = False) -> list[Effect]:
    """Erase everything Lotse stores about `person`; return what happened, category by category."""
    check(actor, person)
    categories = [category for category in features.data_categories() if category.erase is not None]
    # The account goes last: the other categories still need the person's id, name and e-mail.
    categories.sort(key=lambda category: category.key == "account")
    effects = []
    for category in categories:
        for what, count in category.erase(person, delete_contributions):
            effects.append(Effect(category.label, what, int(count or 0)))
        db.session.flush()
        db.session.expire_all()
    record(
        actor,
        "person_erased",
        person,
        summary="Person gelöscht (DSGVO Art. 17)",
        by="purge" if actor is None else "admin",
        contributions_deleted=delete_contributions,
        counts={str(effect.what): effect.count for effect in effects if effect.count},
    )
    return effects


def preview(actor, person, delete_contributions: bool = False) -> list[Effect]:
    """What `erase_person` would do, found by doing it in a savepoint and rolling it back."""
    check(actor, person)
    savepoint = db.session.begin_nested()
    try:
        effects = erase_person(actor, person, delete_contributions)
    finally:
        savepoint.rollback()
        db.session.expire_all()
    # Lazy texts would be rendered after the rollback: nothing refers to rolled-back rows.
    return effects
