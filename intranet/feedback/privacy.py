"""Personal data of the feedback board: only named content. Anonymous content has no author
reference; the only thing kept for it is the hash of the poster's access code, for a set time."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from intranet import clock
from intranet.auth.privacy import PUBLIC_TASK
from intranet.extensions import db
from intranet.features import DataCategory, Retention
from intranet.feedback.models import (
    FeedbackComment,
    FeedbackFollow,
    FeedbackPost,
    FeedbackReport,
    FeedbackStatusChange,
    FeedbackSupport,
)
from intranet.privacy import retention

SECRETS = Retention(
    "LOTSE_FEEDBACK_SECRET_DAYS",
    365,
    _l("nach dem anonymen Beitrag (danach öffnet der Zugangscode nichts mehr)"),
    _l(
        "Mit dem Zugangscode liest die anonyme Person Antworten und schreibt zurück. Nach einem "
        "Jahr ist das Gespräch beendet; der gespeicherte Hash wird dann gelöscht."
    ),
)


def _delete(model, *where) -> int:
    return db.session.execute(
        delete(model).where(*where).execution_options(synchronize_session=False)
    ).rowcount


def purge_secrets(cutoff) -> int:
    """Forget the access-code hashes of anonymous posts older than the period."""
    return db.session.execute(
        update(FeedbackPost)
        .where(FeedbackPost.secret_hash.is_not(None), FeedbackPost.created_on < clock.local_date(cutoff))
        .values(secret_hash=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def _delete_posts(post_ids: list[int]) -> int:
    if not post_ids:
        return 0
    for model in (FeedbackComment, FeedbackSupport, FeedbackFollow, FeedbackReport, FeedbackStatusChange):
        _delete(model, model.post_id.in_(post_ids))
    return _delete(FeedbackPost, FeedbackPost.id.in_(post_ids))


def erase_named_feedback(person, delete_contributions: bool) -> list:
    """Named supports become anonymous ones (the count stays), follows go; posts, comments and
    reports stay without name unless the person asked to delete their contributions."""
    supported = db.session.scalars(
        select(FeedbackSupport.post_id).where(FeedbackSupport.user_id == person.id)
    ).all()
    for post_id in supported:
        db.session.execute(
            update(FeedbackPost)
            .where(FeedbackPost.id == post_id)
            .values(anonymous_support_count=FeedbackPost.anonymous_support_count + 1)
            .execution_options(synchronize_session=False)
        )
    _delete(FeedbackSupport, FeedbackSupport.user_id == person.id)
    effects = [
        (_l("„Betrifft mich auch“: ohne Namen weitergezählt"), len(supported)),
        (
            _l("Gefolgte Beiträge: Einträge gelöscht"),
            _delete(FeedbackFollow, FeedbackFollow.user_id == person.id),
        ),
    ]
    posts = db.session.scalars(select(FeedbackPost.id).where(FeedbackPost.author_id == person.id)).all()
    comments = db.session.execute(
        select(FeedbackComment.id, FeedbackComment.post_id).where(
            FeedbackComment.author_id == person.id, FeedbackComment.post_id.not_in(posts)
        )
    ).all()
    if delete_contributions:
        effects.append(
            (_l("Beiträge mit allen Kommentaren gelöscht (auf Wunsch)"), _delete_posts(list(posts)))
        )
        for comment_id, post_id in comments:
            _delete(FeedbackComment, FeedbackComment.id == comment_id)
            db.session.execute(
                update(FeedbackPost)
                .where(FeedbackPost.id == post_id)
                .values(comment_count=FeedbackPost.comment_count - 1)
                .execution_options(synchronize_session=False)
            )
        effects.append((_l("Kommentare gelöscht (auf Wunsch)"), len(comments)))
    else:
        effects.append((_l("Beiträge und Kommentare bleiben ohne Namen stehen"), len(posts) + len(comments)))
    reports = db.session.scalar(
        select(func.count(FeedbackReport.id)).where(FeedbackReport.reporter_id == person.id)
    )
    effects.append((_l("Meldungen an die Moderation bleiben ohne Namen"), reports))
    return effects


CATEGORIES = (
    DataCategory(
        "feedback_named",
        _l("Feedback mit Namen: Beiträge, Kommentare, „Betrifft mich auch“, gefolgte Beiträge, Meldungen"),
        _l("Rückmeldungen sichtbar machen und beantworten, Moderation"),
        _l("Beiträge und Kommentare: alle Beschäftigten; Meldungen: die Moderation; der Rest nur die Person"),
        retention.ACCOUNT,
        PUBLIC_TASK,
        erase=erase_named_feedback,
    ),
    DataCategory(
        "feedback_secrets",
        _l("Zugangscodes anonymer Beiträge (nur ihr Hash, ohne Bezug zu einer Person)"),
        _l("Die anonyme Person kann Antworten lesen und zurückschreiben"),
        _l("Niemand (nur der Hash wird gespeichert)"),
        SECRETS,
        PUBLIC_TASK,
        purge=purge_secrets,
    ),
)
