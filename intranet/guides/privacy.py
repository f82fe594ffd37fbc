"""Personal data of the guides pillar: questions (private ones on their own clock), answers, profiles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from intranet.auth.privacy import PUBLIC_TASK
from intranet.extensions import db
from intranet.features import DataCategory, Retention
from intranet.guides.models import (
    SOLVED,
    GuideProfile,
    Question,
    QuestionAnswer,
    QuestionEvent,
    QuestionFollow,
)
from intranet.privacy import retention

PRIVATE_QUESTIONS = Retention(
    "LOTSE_RETENTION_PRIVATE_QUESTION_DAYS",
    730,
    _l("nach Abschluss der Frage"),
    _l(
        "Private Fragen dürfen persönliche Umstände enthalten. Zwei Jahre nach Abschluss sind "
        "Nachfragen dazu nicht mehr zu erwarten; öffentliche Fragen bilden dagegen die FAQ."
    ),
)
REMOVED_ANSWER = "(Diese Antwort wurde auf Wunsch der Verfasserin oder des Verfassers gelöscht.)"


def _delete_questions(question_ids) -> int:
    """Delete questions with their answers, trail and follows."""
    ids = list(question_ids)
    if not ids:
        return 0
    db.session.execute(
        update(Question)
        .where(Question.id.in_(ids))
        .values(accepted_answer_id=None)
        .execution_options(synchronize_session=False)
    )
    for model in (QuestionAnswer, QuestionEvent, QuestionFollow):
        db.session.execute(
            delete(model).where(model.question_id.in_(ids)).execution_options(synchronize_session=False)
        )
    count = db.session.execute(
        delete(Question).where(Question.id.in_(ids)).execution_options(synchronize_session=False)
    ).rowcount
    return count


def purge_private_questions(cutoff) -> int:
    """Delete private questions solved before the cutoff, with everything written on them."""
    return _delete_questions(
        db.session.scalars(
            select(Question.id).where(
                Question.is_private.is_(True), Question.status == SOLVED, Question.updated_at < cutoff
            )
        )
    )


def erase_private_questions(person, delete_contributions: bool) -> list:
    """Delete the person's private questions, open or closed."""
    count = _delete_questions(
        db.session.scalars(
            select(Question.id).where(Question.is_private.is_(True), Question.asker_id == person.id)
        )
    )
    return [(_l("Private Fragen mit allen Antworten gelöscht"), count)]


def erase_questions(person, delete_contributions: bool) -> list:
    """Follows and the guide profile go; public questions and answers stay without the name
    unless the person asked to delete their contributions too."""
    effects = []
    follows = db.session.execute(
        delete(QuestionFollow)
        .where(QuestionFollow.user_id == person.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    effects.append((_l("Gefolgte Fragen: Einträge gelöscht"), follows))
    db.session.execute(
        update(GuideProfile)
        .where(GuideProfile.deputy_id == person.id)
        .values(deputy_id=None)
        .execution_options(synchronize_session=False)
    )
    profiles = db.session.execute(
        delete(GuideProfile)
        .where(GuideProfile.user_id == person.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    effects.append((_l("Lotsenprofil (Themen, Abwesenheit, Vertretung) gelöscht"), profiles))
    db.session.execute(
        update(Question)
        .where(Question.claimed_by_id == person.id, Question.status != SOLVED)
        .values(claimed_by_id=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    own = select(Question.id).where(Question.asker_id == person.id)
    answers = select(QuestionAnswer.id).where(
        QuestionAnswer.author_id == person.id, QuestionAnswer.question_id.not_in(own)
    )
    if delete_contributions:
        deleted = _delete_questions(db.session.scalars(own).all())
        effects.append((_l("Öffentliche Fragen mit ihren Antworten gelöscht (auf Wunsch)"), deleted))
        removed = db.session.execute(
            update(QuestionAnswer)
            .where(QuestionAnswer.id.in_(answers))
            .values(body=REMOVED_ANSWER)
            .execution_options(synchronize_session=False)
        ).rowcount
        effects.append((_l("Antworten: Text gelöscht (auf Wunsch)"), removed))
    else:
        kept = len(db.session.scalars(own).all()) + len(db.session.scalars(answers).all())
        effects.append((_l("Öffentliche Fragen und Antworten bleiben ohne Namen stehen"), kept))
    return effects


CATEGORIES = (
    DataCategory(
        "guides_private_questions",
        _l("Private Fragen an die Lotsinnen und Lotsen, mit Antworten und Verlauf"),
        _l("Beratung in der digitalen Arbeit, vertraulich"),
        _l("Die fragende Person und die zuständigen Lotsinnen und Lotsen"),
        PRIVATE_QUESTIONS,
        PUBLIC_TASK,
        purge=purge_private_questions,
        erase=erase_private_questions,
    ),
    DataCategory(
        "guides_questions",
        _l("Öffentliche Fragen und Antworten, gefolgte Fragen, Lotsenprofil"),
        _l("Fragen beantworten, Antworten als FAQ teilen, Zuständigkeit und Vertretung"),
        _l("Alle Beschäftigten (öffentliche Fragen, Lotsenprofil); gefolgte Fragen nur die Person"),
        retention.ACCOUNT,
        PUBLIC_TASK,
        erase=erase_questions,
    ),
)
