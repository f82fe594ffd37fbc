"""Official answers (status changes) and moderation of the feedback board."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union, update

from intranet import clock, urls
from intranet.audit.services import record
from intranet.auth.models import User
from intranet.extensions import db
from intranet.feedback.models import (
    FINAL_STATUSES,
    STATUSES,
    FeedbackFollow,
    FeedbackPost,
    FeedbackReport,
    FeedbackStatusChange,
    FeedbackSupport,
)
from intranet.feedback.services import FeedbackError, _text
from intranet.notify.services import notify
from intranet.security import MAX_DB_INT

STATUS_LABELS = {
    "new": _l("neu"),
    "seen": _l("gesichtet"),
    "in_progress": _l("in Bearbeitung"),
    "done": _l("umgesetzt"),
    "declined": _l("nicht umgesetzt"),
}
ANSWER_MAX = 5_000
REASON_MAX = 500
REPORT_MAX = 1_000


def named_audience(post: FeedbackPost) -> list[User]:
    """People to tell about a status change: named supporters, followers, a named author.

    Anonymous supporters and an anonymous author are not in here – nothing links them.
    """
    ids = union(
        select(FeedbackSupport.user_id).where(FeedbackSupport.post_id == post.id),
        select(FeedbackFollow.user_id).where(FeedbackFollow.post_id == post.id),
    )
    users = list(db.session.scalars(select(User).where(User.id.in_(ids))))
    if post.author_id is not None and all(user.id != post.author_id for user in users):
        author = db.session.get(User, post.author_id)
        if author is not None:
            users.append(author)
    return users


def change_status(actor: User, post: FeedbackPost, to_status: str, answer: str) -> FeedbackStatusChange:
    """Set a new status with an official answer and tell the named audience."""
    if to_status not in STATUSES or to_status == "new":
        raise FeedbackError(_l("Bitte wählen Sie einen neuen Status."), "status")
    if post.is_hidden:
        raise FeedbackError(_l("Ein ausgeblendeter Beitrag kann keinen neuen Status bekommen."), "status")
    required = to_status in FINAL_STATUSES
    answer = _text(answer, "answer", ANSWER_MAX, False)
    if required and not answer:
        raise FeedbackError(
            _l(
                "Bitte begründen Sie „%(status)s“ – die Begründung sehen alle.",
                status=STATUS_LABELS[to_status],
            ),
            "answer",
        )
    if to_status == post.status and not answer:
        raise FeedbackError(
            _l("Der Beitrag hat diesen Status schon. Ändern Sie den Status oder schreiben Sie eine Antwort."),
            "status",
        )
    change = FeedbackStatusChange(
        post_id=post.id, from_status=post.status, to_status=to_status, answer=answer, actor_id=actor.id
    )
    post.status, post.status_changed_at = to_status, clock.now()
    db.session.add(change)
    record(
        actor,
        "feedback_status_changed",
        post,
        summary=post.title[:200],
        from_status=change.from_status,
        to_status=to_status,
    )
    notify(
        named_audience(post),
        "feedback_status",
        _l("Feedback „%(title)s“: jetzt %(status)s", title=post.title[:80], status=STATUS_LABELS[to_status]),
        urls.path_for("feedback.show", post_id=post.id),
        exclude=actor,
    )
    db.session.flush()
    return change


def _is_id(value: int | None) -> bool:
    """A number a database id can be (larger ones overflow PostgreSQL's INTEGER: a 500)."""
    return value is not None and 0 < value <= MAX_DB_INT


def link_answers(actor: User, post: FeedbackPost, decision_id: int | None, pilot_id: int | None) -> None:
    """Link the decision and/or pilot that answered the post (None unlinks)."""
    from intranet.decisions.models import PUBLISHED_STATUSES, Decision
    from intranet.pilots.models import Pilot

    decision = db.session.get(Decision, decision_id) if _is_id(decision_id) else None
    if decision_id and (decision is None or decision.status not in PUBLISHED_STATUSES):
        raise FeedbackError(
            _l("Eine veröffentlichte Entscheidung mit dieser Nummer gibt es nicht."), "decision_id"
        )
    if pilot_id and (not _is_id(pilot_id) or db.session.get(Pilot, pilot_id) is None):
        raise FeedbackError(_l("Ein Pilotprojekt mit dieser Nummer gibt es nicht."), "pilot_id")
    post.linked_decision_id, post.linked_pilot_id = decision_id or None, pilot_id or None
    record(
        actor,
        "feedback_linked",
        post,
        summary=post.title[:200],
        decision_id=post.linked_decision_id,
        pilot_id=post.linked_pilot_id,
    )
    db.session.flush()


def report_post(reporter: User, post: FeedbackPost, reason: str) -> FeedbackReport:
    """Report a post to the moderators (once per person while the report is open)."""
    reason = _text(reason, "reason", REPORT_MAX, True)
    if post.is_hidden:
        raise FeedbackError(_l("Dieser Beitrag ist schon ausgeblendet."), "reason")
    already = db.session.scalar(
        select(FeedbackReport.id).where(
            FeedbackReport.post_id == post.id,
            FeedbackReport.reporter_id == reporter.id,
            FeedbackReport.resolved_at.is_(None),
        )
    )
    if already:
        raise FeedbackError(
            _l("Sie haben diesen Beitrag schon gemeldet. Die Moderation kümmert sich darum."), "reason"
        )
    report = FeedbackReport(post_id=post.id, reporter_id=reporter.id, reason=reason)
    db.session.add(report)
    db.session.execute(
        update(FeedbackPost)
        .where(FeedbackPost.id == post.id)
        .values(open_report_count=FeedbackPost.open_report_count + 1)
    )
    record(reporter, "feedback_reported", post, summary=post.title[:200])
    db.session.flush()
    return report


def _resolve_reports(actor: User, post: FeedbackPost) -> None:
    db.session.execute(
        update(FeedbackReport)
        .where(FeedbackReport.post_id == post.id, FeedbackReport.resolved_at.is_(None))
        .values(resolved_at=clock.now(), resolved_by_id=actor.id)
    )
    post.open_report_count = 0


def hide_post(actor: User, post: FeedbackPost, reason: str) -> None:
    """Hide a post behind a visible tombstone with the reason; nothing is deleted."""
    reason = _text(reason, "reason", REASON_MAX, True)
    if post.is_hidden:
        raise FeedbackError(_l("Dieser Beitrag ist schon ausgeblendet."), "reason")
    post.is_hidden, post.hidden_reason = True, reason
    post.hidden_at, post.hidden_by_id = clock.now(), actor.id
    _resolve_reports(actor, post)
    record(actor, "feedback_hidden", post, summary=post.title[:200], reason=reason)
    db.session.flush()


def unhide_post(actor: User, post: FeedbackPost) -> None:
    """Show a hidden post again."""
    if not post.is_hidden:
        raise FeedbackError(_l("Dieser Beitrag ist nicht ausgeblendet."))
    post.is_hidden = False
    record(actor, "feedback_unhidden", post, summary=post.title[:200], previous_reason=post.hidden_reason)
    post.hidden_reason, post.hidden_at, post.hidden_by_id = None, None, None
    db.session.flush()


def dismiss_reports(actor: User, post: FeedbackPost) -> None:
    """Close the open reports of a post without hiding it."""
    if not post.open_report_count:
        raise FeedbackError(_l("Zu diesem Beitrag gibt es keine offenen Meldungen."))
    _resolve_reports(actor, post)
    record(actor, "feedback_reports_dismissed", post, summary=post.title[:200])
    db.session.flush()
