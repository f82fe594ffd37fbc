"""Drafting, publishing, revising and superseding decisions (never deleting them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet import clock, permissions
from intranet.audit.services import record
from intranet.auth.models import User
from intranet.decisions.models import (
    DECIDED,
    DRAFT,
    STATUS_LABELS,
    SUPERSEDED,
    TRANSITIONS,
    Decision,
    DecisionAlternative,
    DecisionFollow,
    DecisionRevision,
)
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.notify.services import notify
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

MAX_REASON = 500


class DecisionError(DomainError):
    """A rule of the register was broken; the message is shown next to `field`."""


@dataclass
class DecisionData:
    """What the form (or a seed) provides for a decision."""

    title: str
    unit_id: int
    summary: str = ""
    context: str = ""
    decision_text: str = ""
    rationale: str = ""
    consequences: str = ""
    decided_by: str = ""
    consulted: str = ""
    works_council_involved: bool = False
    decided_on: date | None = None
    effective_date: date | None = None
    review_date: date | None = None
    requires_acknowledgement: bool = False
    topic_id: int | None = None
    affected_unit_ids: list[int] = field(default_factory=list)
    alternatives: list[tuple[str, str]] = field(default_factory=list)
    confirm_early_effective: bool = False


TEXT_FIELDS = (
    "title",
    "summary",
    "context",
    "decision_text",
    "rationale",
    "consequences",
    "decided_by",
    "consulted",
)
PLAIN_FIELDS = (
    "works_council_involved",
    "decided_on",
    "effective_date",
    "review_date",
    "requires_acknowledgement",
)


def create_decision(actor: User, data: DecisionData) -> Decision:
    """Create a draft ("in Vorbereitung") for a unit in the actor's leadership scope."""
    decision = Decision(owner_id=actor.id, status=DRAFT)
    _apply(actor, decision, data)
    db.session.add(decision)
    db.session.flush()
    db.session.add(DecisionFollow(decision_id=decision.id, user_id=actor.id))
    record(actor, "decision.create", decision, summary=decision.title)
    return decision


def update_decision(
    actor: User, decision: Decision, data: DecisionData, reason: str = "", substantive: bool = False
) -> DecisionRevision | None:
    """Change a decision; a published one gets a revision with the (required) reason."""
    reason = " ".join((reason or "").split())
    if decision.is_published:
        if not reason:
            raise DecisionError(_l("Bitte geben Sie an, warum Sie die Entscheidung ändern."), "reason")
        if len(reason) > MAX_REASON:
            raise DecisionError(_l("Höchstens 500 Zeichen."), "reason")
        check_publishable(data)
    _apply(actor, decision, data)
    if not decision.is_published:
        db.session.flush()
        return None
    revision = _add_revision(actor, decision, "edit", reason, substantive)
    record(actor, "decision.revise", decision, summary=f"{decision.title}: {reason}")
    if substantive and decision.requires_acknowledgement:
        decision.ack_revision = revision.number
        decision.ack_reminded_at = clock.now()  # the notice below counts as this week's reminder
        from intranet.decisions.engagement import affected_users

        notify(
            affected_users(decision),
            "decision.acknowledge",
            _l(
                "„%(title)s“ wurde wesentlich geändert. Bitte nehmen Sie die neue Fassung zur Kenntnis.",
                title=decision.title,
            ),
            decision_url(decision),
            exclude=actor,
        )
    _notify_followers(
        decision, actor, _l("Die Entscheidung „%(title)s“ wurde geändert.", title=decision.title)
    )
    return revision


def publish_decision(actor: User, decision: Decision, data: DecisionData | None = None) -> DecisionRevision:
    """Move a draft to "beschlossen": it becomes visible to everyone, revision 1 is written."""
    if not decision.is_draft:
        raise DecisionError(_l("Diese Entscheidung ist schon veröffentlicht."))
    if not permissions.leads_unit(actor, decision.unit_id):
        raise DecisionError(
            _l("Für diese Einheit dürfen Sie keine Entscheidungen veröffentlichen."), "unit_id"
        )
    check_publishable(data or data_from(decision))
    decision.status = DECIDED
    decision.published_at = clock.now()
    revision = _add_revision(actor, decision, "publish", str(_l("Veröffentlicht")), True)
    decision.ack_revision = revision.number
    if decision.requires_acknowledgement:
        from intranet.decisions.engagement import affected_users

        notify(
            affected_users(decision),
            "decision.acknowledge",
            _l("Bitte nehmen Sie die Entscheidung „%(title)s“ zur Kenntnis.", title=decision.title),
            decision_url(decision),
            exclude=actor,
        )
    record(actor, "decision.publish", decision, summary=decision.title)
    return revision


def change_status(
    actor: User, decision: Decision, new_status: str, reason: str, successor: Decision | None = None
) -> DecisionRevision:
    """Move a published decision on (umgesetzt, aufgehoben, ersetzt durch …) with a reason."""
    if new_status not in TRANSITIONS.get(decision.status, ()):
        raise DecisionError(_l("Dieser Statuswechsel ist nicht möglich."), "status")
    reason = " ".join((reason or "").split())
    if not reason:
        raise DecisionError(_l("Bitte begründen Sie den Statuswechsel."), "reason")
    if len(reason) > MAX_REASON:
        raise DecisionError(_l("Höchstens 500 Zeichen."), "reason")
    if new_status == SUPERSEDED:
        _check_successor(decision, successor)
        decision.superseded_by = successor
    decision.status = new_status
    revision = _add_revision(actor, decision, "status", reason, False)
    _notify_followers(
        decision,
        actor,
        _l("„%(title)s“ ist jetzt: %(status)s.", title=decision.title, status=STATUS_LABELS[new_status]),
    )
    record(actor, "decision.status", decision, summary=f"{decision.title}: {new_status}")
    return revision


def check_publishable(data: DecisionData) -> None:
    """Everything a published decision needs; raises on the first gap (field order)."""
    required = [
        ("summary", _l("Bitte beschreiben Sie, was sich für die Beschäftigten ändert.")),
        ("decision_text", _l("Bitte beschreiben Sie die Entscheidung.")),
        ("rationale", _l("Bitte begründen Sie die Entscheidung.")),
    ]
    for name, message in required:
        if not getattr(data, name).strip():
            raise DecisionError(message, name)
    if not data.affected_unit_ids:
        raise DecisionError(_l("Bitte wählen Sie mindestens eine betroffene Einheit."), "affected_unit_ids")
    if data.decided_on is None:
        raise DecisionError(_l("Bitte geben Sie an, wann entschieden wurde."), "decided_on")
    if data.effective_date is None:
        raise DecisionError(_l("Bitte geben Sie an, ab wann die Entscheidung gilt."), "effective_date")
    if data.effective_date < data.decided_on and not data.confirm_early_effective:
        raise DecisionError(
            _l(
                "Das Datum „gilt ab“ liegt vor dem Entscheidungsdatum. Bitte "
                "prüfen Sie es oder bestätigen Sie es ausdrücklich."
            ),
            "effective_date",
        )


def data_from(decision: Decision) -> DecisionData:
    """The decision's current content as form data (for publishing and editing)."""
    values = {name: getattr(decision, name) for name in TEXT_FIELDS + PLAIN_FIELDS}
    return DecisionData(
        **values,
        unit_id=decision.unit_id,
        topic_id=decision.topic_id,
        affected_unit_ids=[unit.id for unit in decision.affected_units],
        alternatives=[(alt.title, alt.why_not) for alt in decision.alternatives],
        # A stored draft with an early effective date was saved knowingly.
        confirm_early_effective=True,
    )


def snapshot(decision: Decision) -> dict:
    """Everything a reader sees, as text, for revisions and their diffs."""

    def day(value):
        return value.isoformat() if value else ""

    return {
        "title": decision.title,
        "summary": decision.summary,
        "context": decision.context,
        "decision_text": decision.decision_text,
        "rationale": decision.rationale,
        "alternatives": "\n".join(f"{alt.title}: {alt.why_not}".strip() for alt in decision.alternatives),
        "consequences": decision.consequences,
        "affected_units": ", ".join(unit.name for unit in decision.affected_units),
        "unit": decision.unit.name if decision.unit else "",
        "decided_on": day(decision.decided_on),
        "effective_date": day(decision.effective_date),
        "review_date": day(decision.review_date),
        "decided_by": decision.decided_by,
        "consulted": decision.consulted,
        "works_council_involved": "ja" if decision.works_council_involved else "nein",
        "topic": decision.topic.name if decision.topic else "",
        "requires_acknowledgement": "ja" if decision.requires_acknowledgement else "nein",
        "status": decision.status,
        "superseded_by": str(decision.superseded_by_id or ""),
    }


def decision_url(decision: Decision) -> str:
    """The decision's path; built by hand because jobs have no request to build URLs from."""
    return f"/decisions/{decision.id}"


def _apply(actor: User, decision: Decision, data: DecisionData) -> None:
    title = " ".join((data.title or "").split())
    if not title:
        raise DecisionError(_l("Bitte geben Sie einen Titel ein."), "title")
    if not permissions.leads_unit(actor, data.unit_id):
        raise DecisionError(
            _l("Für diese Einheit dürfen Sie keine Entscheidungen veröffentlichen."), "unit_id"
        )
    outside = [uid for uid in data.affected_unit_ids if not permissions.leads_unit(actor, uid)]
    if outside:
        raise DecisionError(
            _l("Sie dürfen nur Einheiten in Ihrem Leitungsbereich auswählen."), "affected_unit_ids"
        )
    if data.topic_id and db.session.get(Topic, data.topic_id) is None:
        raise DecisionError(_l("Dieses Thema gibt es nicht."), "topic_id")
    decision.title = title
    for name in TEXT_FIELDS[1:]:
        setattr(decision, name, (getattr(data, name) or "").strip())
    for name in PLAIN_FIELDS:
        setattr(decision, name, getattr(data, name))
    decision.unit = db.session.get(OrgUnit, data.unit_id)
    decision.topic_id = data.topic_id or None
    decision.affected_units = list(
        db.session.scalars(select(OrgUnit).where(OrgUnit.id.in_(data.affected_unit_ids or [-1])))
    )
    decision.alternatives = [
        DecisionAlternative(position=index, title=title.strip(), why_not=(why_not or "").strip())
        for index, (title, why_not) in enumerate((t, w) for t, w in data.alternatives if (t or "").strip())
    ]
    decision.updated_at = clock.now()


def _add_revision(
    actor: User, decision: Decision, kind: str, reason: str, substantive: bool
) -> DecisionRevision:
    db.session.flush()
    decision.revision_count += 1
    revision = DecisionRevision(
        decision_id=decision.id,
        number=decision.revision_count,
        kind=kind,
        author_id=actor.id,
        reason=reason[:MAX_REASON],
        is_substantive=substantive,
        snapshot=snapshot(decision),
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def _check_successor(decision: Decision, successor: Decision | None) -> None:
    if successor is None:
        raise DecisionError(_l("Bitte wählen Sie die Entscheidung, die diese ersetzt."), "successor_id")
    if successor.id == decision.id:
        raise DecisionError(_l("Eine Entscheidung kann sich nicht selbst ersetzen."), "successor_id")
    if successor.is_draft:
        raise DecisionError(_l("Die ersetzende Entscheidung muss veröffentlicht sein."), "successor_id")
    seen, current = set(), successor
    while current is not None and current.id not in seen:
        if current.id == decision.id:
            raise DecisionError(
                _l(
                    "Das ergäbe einen Kreis: Die gewählte Entscheidung wird "
                    "(über andere) schon durch diese ersetzt."
                ),
                "successor_id",
            )
        seen.add(current.id)
        current = current.superseded_by


def followers(decision: Decision) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(DecisionFollow, DecisionFollow.user_id == User.id)
            .where(DecisionFollow.decision_id == decision.id)
        )
    )


def _notify_followers(decision: Decision, actor: User, message) -> None:
    notify(followers(decision), "decision.changed", message, decision_url(decision), exclude=actor)
