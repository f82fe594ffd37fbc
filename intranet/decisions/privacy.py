"""Personal data of the decision register: follows, questions, acknowledgements, feed tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from intranet.auth.privacy import PUBLIC_TASK
from intranet.decisions.models import DecisionAcknowledgement, DecisionFollow, DecisionQuestion, DecisionToken
from intranet.extensions import db
from intranet.features import DataCategory
from intranet.privacy import retention


def _delete(model, *where) -> int:
    return db.session.execute(
        delete(model).where(*where).execution_options(synchronize_session=False)
    ).rowcount


def erase_engagement(person, delete_contributions: bool) -> list:
    """Follows and tokens go; acknowledgements stay without name for the per-unit figures;
    questions stay without name unless the person asked to delete their contributions."""
    effects = [
        (
            _l("Gefolgte Entscheidungen: Einträge gelöscht"),
            _delete(DecisionFollow, DecisionFollow.user_id == person.id),
        ),
        (_l("Feed- und API-Zugänge gelöscht"), _delete(DecisionToken, DecisionToken.user_id == person.id)),
    ]
    if delete_contributions:
        asked = _delete(DecisionQuestion, DecisionQuestion.asker_id == person.id)
        effects.append((_l("Rückfragen zu Entscheidungen gelöscht (auf Wunsch)"), asked))
    else:
        asked = db.session.scalar(
            select(func.count(DecisionQuestion.id)).where(DecisionQuestion.asker_id == person.id)
        )
        effects.append((_l("Rückfragen zu Entscheidungen bleiben ohne Namen stehen"), asked))
    acks = db.session.scalar(
        select(func.count(DecisionAcknowledgement.id)).where(DecisionAcknowledgement.user_id == person.id)
    )
    effects.append((_l("Kenntnisnahmen bleiben ohne Namen für die Zahlen je Einheit"), acks))
    return effects


CATEGORIES = (
    DataCategory(
        "decisions",
        _l("Entscheidungen: gefolgte Entscheidungen, Rückfragen, Kenntnisnahmen, Feed-Zugänge"),
        _l("Über Entscheidungen informieren, Rückfragen beantworten, Umsetzung je Einheit verfolgen"),
        _l(
            "Rückfragen: die Verantwortlichen und alle Beschäftigten; Kenntnisnahmen: Leitungen nur "
            "als Zahl je Einheit; gefolgte Entscheidungen und Zugänge: nur die Person"
        ),
        retention.ACCOUNT,
        PUBLIC_TASK,
        erase=erase_engagement,
    ),
)
