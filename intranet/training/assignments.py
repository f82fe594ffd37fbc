"""Leadership: assigning paths to units with a due date, reminders, aggregate unit reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from intranet import clock, urls
from intranet import permissions as perm
from intranet.audit import services as audit
from intranet.auth.models import User
from intranet.extensions import db
from intranet.notify.services import notify
from intranet.org.services import org_tree
from intranet.training.models import (
    TrainingAssignment,
    TrainingEnrolment,
    TrainingPath,
    TrainingReminder,
    TrainingStepCompletion,
)
from intranet.training.services import TrainingError

REMINDER_DAYS = (3, 14)  # smallest first: the nearest threshold that applies wins


def assign_path(actor, path: TrainingPath, unit_id: int, due_on: date | None) -> TrainingAssignment:
    """Assign a published path to a unit and its sub-units; everyone there is enrolled."""
    if not perm.can_assign_path(actor, path):
        raise TrainingError(_l("Nur veröffentlichte Lernpfade können zugewiesen werden."))
    if not unit_id or not perm.can_assign_to_unit(actor, unit_id):
        raise TrainingError(_l("Bitte wählen Sie eine Einheit aus Ihrem Bereich."), "unit_id")
    if due_on is None:
        raise TrainingError(_l("Bitte geben Sie ein Datum an (TT.MM.JJJJ)."), "due_on")
    if due_on < clock.local_today():
        raise TrainingError(
            _l("Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder ein späteres Datum."),
            "due_on",
        )
    if due_on > clock.local_today() + timedelta(days=3 * 366):
        raise TrainingError(_l("Bitte wählen Sie ein Datum in den nächsten drei Jahren."), "due_on")
    assignment = TrainingAssignment(path_id=path.id, unit_id=unit_id, due_on=due_on, assigned_by_id=actor.id)
    db.session.add(assignment)
    db.session.flush()
    unit_ids = org_tree().descendant_ids(unit_id)
    people = db.session.scalars(
        select(User).where(User.unit_id.in_(unit_ids), User.is_active_account.is_(True))
    ).all()
    existing = {
        e.user_id: e
        for e in db.session.scalars(
            select(TrainingEnrolment).where(
                TrainingEnrolment.path_id == path.id, TrainingEnrolment.user_id.in_([p.id for p in people])
            )
        )
    }
    told = []
    for person in people:
        enrolment = existing.get(person.id)
        if enrolment is None:
            enrolment = TrainingEnrolment(path_id=path.id, user_id=person.id)
            db.session.add(enrolment)
        elif enrolment.completed_at is not None:
            continue
        if enrolment.due_on is None or due_on < enrolment.due_on:
            enrolment.due_on, enrolment.assignment_id = due_on, assignment.id
        told.append(person)
    db.session.flush()
    audit.record(
        actor,
        "training.assign",
        path,
        f"{path.title} → {org_tree().get(unit_id).name}",
        unit_id=unit_id,
        due_on=due_on.isoformat(),
        people=len(told),
    )
    notify(
        told,
        "training_assigned",
        _l(
            "Lernpfad „%(title)s“ für Sie vorgesehen, bitte bis %(due)s abschließen.",
            title=path.title,
            due=due_on.strftime("%d.%m.%Y"),
        ),
        urls.path_for("training.path_page", path_id=path.id),
        exclude=actor,
    )
    return assignment


def enrol_new_members(today: date | None = None) -> int:
    """People who joined an assigned unit later are enrolled too, while the assignment runs."""
    today = today or clock.local_today()
    running = db.session.scalars(
        select(TrainingAssignment)
        .options(joinedload(TrainingAssignment.path))
        .where(TrainingAssignment.due_on >= today)
    ).all()
    if not running:
        return 0
    tree = org_tree()
    units_of = {a.id: tree.descendant_ids(a.unit_id) for a in running}
    members: dict[int, list[User]] = {}
    for person in db.session.scalars(
        select(User).where(
            User.unit_id.in_(set().union(*units_of.values())), User.is_active_account.is_(True)
        )
    ):
        members.setdefault(person.unit_id, []).append(person)
    enrolled = set(
        db.session.execute(
            select(TrainingEnrolment.path_id, TrainingEnrolment.user_id).where(
                TrainingEnrolment.path_id.in_({a.path_id for a in running})
            )
        ).all()
    )
    added = 0
    for assignment in running:
        if assignment.path.status != "published":
            continue
        newcomers = [
            p
            for unit_id in units_of[assignment.id]
            for p in members.get(unit_id, [])
            if (assignment.path_id, p.id) not in enrolled
        ]
        for person in newcomers:
            db.session.add(
                TrainingEnrolment(
                    path_id=assignment.path_id,
                    user_id=person.id,
                    assignment_id=assignment.id,
                    due_on=assignment.due_on,
                )
            )
            enrolled.add((assignment.path_id, person.id))
        notify(
            newcomers,
            "training_assigned",
            _l(
                "Lernpfad „%(title)s“ für Sie vorgesehen, bitte bis %(due)s abschließen.",
                title=assignment.path.title,
                due=assignment.due_on.strftime("%d.%m.%Y"),
            ),
            urls.path_for("training.path_page", path_id=assignment.path_id),
        )
        added += len(newcomers)
    db.session.flush()
    return added


def send_reminders(today: date | None = None) -> int:
    """Remind learners 14 and 3 days before the due date, once per threshold; returns the count."""
    today = today or clock.local_today()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    due = db.session.scalars(
        select(TrainingEnrolment)
        .options(joinedload(TrainingEnrolment.user), joinedload(TrainingEnrolment.path))
        .where(
            TrainingEnrolment.completed_at.is_(None),
            TrainingEnrolment.due_on.is_not(None),
            TrainingEnrolment.due_on >= today,
            TrainingEnrolment.due_on <= horizon,
        )
        .order_by(TrainingEnrolment.id)
    ).all()
    sent_pairs = (
        set(
            db.session.execute(
                select(TrainingReminder.enrolment_id, TrainingReminder.days_before).where(
                    TrainingReminder.enrolment_id.in_([e.id for e in due])
                )
            ).all()
        )
        if due
        else set()
    )
    sent = 0
    for enrolment in due:
        days_left = (enrolment.due_on - today).days
        threshold = next(t for t in REMINDER_DAYS if days_left <= t)
        if (enrolment.id, threshold) in sent_pairs:
            continue
        # Larger thresholds are recorded too: after the 3-day reminder a late 14-day one is moot.
        try:
            with db.session.begin_nested():
                for t in REMINDER_DAYS:
                    if t >= threshold and (enrolment.id, t) not in sent_pairs:
                        db.session.add(TrainingReminder(enrolment_id=enrolment.id, days_before=t))
                db.session.flush()
        except IntegrityError:  # another run recorded it first
            continue
        notify(
            [enrolment.user],
            "training_reminder",
            _l(
                "Erinnerung: Lernpfad „%(title)s“ bitte bis %(due)s abschließen.",
                title=enrolment.path.title,
                due=enrolment.due_on.strftime("%d.%m.%Y"),
            ),
            urls.path_for("training.path_page", path_id=enrolment.path_id),
        )
        sent += 1
    return sent


@dataclass
class UnitRow:
    unit: object
    depth: int
    enrolled: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    folded: list = field(default_factory=list)  # names of units folded into this row


def _raw_counts(path_id: int, unit_ids: set[int], today: date) -> dict[int, list[int]]:
    started = exists().where(TrainingStepCompletion.enrolment_id == TrainingEnrolment.id)
    open_ = TrainingEnrolment.completed_at.is_(None)
    rows = db.session.execute(
        select(
            User.unit_id,
            func.count(TrainingEnrolment.id),
            func.sum(case((and_(open_, started), 1), else_=0)),
            func.sum(case((TrainingEnrolment.completed_at.is_not(None), 1), else_=0)),
            func.sum(case((and_(open_, TrainingEnrolment.due_on < today), 1), else_=0)),
        )
        .join(User, User.id == TrainingEnrolment.user_id)
        .where(TrainingEnrolment.path_id == path_id, User.unit_id.in_(unit_ids))
        .group_by(User.unit_id)
    ).all()
    return {unit_id: [int(v or 0) for v in values] for unit_id, *values in rows}


def unit_report(actor, path: TrainingPath) -> tuple[list[UnitRow], int]:
    """Aggregates per unit in the actor's scope; groups below k fold into their parent.

    Returns the rows to show and how many enrolments are in groups too small to show at all.
    """
    k = current_app.config["LOTSE_ANONYMITY_K"]
    tree = org_tree()
    scope = perm.leadership_unit_ids(actor)
    counts = _raw_counts(path.id, scope, clock.local_today())
    scope_roots = [u for u in scope if tree.get(u) and tree.get(u).parent_id not in scope]
    order = [(unit, depth) for root in sorted(scope_roots) for unit, depth in _walk(tree, root)]
    rows = {unit.id: UnitRow(unit, depth, *counts.get(unit.id, [0, 0, 0, 0])) for unit, depth in order}
    hidden = 0
    for unit, _depth in reversed(order):  # deepest first: children fold before their parent
        row = rows[unit.id]
        if 0 < row.enrolled < k:
            parent = rows.get(unit.parent_id)
            if parent is None:
                hidden += row.enrolled
            else:
                for attr in ("enrolled", "in_progress", "completed", "overdue"):
                    setattr(parent, attr, getattr(parent, attr) + getattr(row, attr))
                parent.folded.append(unit.name)
            row.enrolled = 0
    return [rows[u.id] for u, _d in order if rows[u.id].enrolled >= k], hidden


def _walk(tree, root_id: int, depth: int = 0):
    unit = tree.get(root_id)
    yield unit, depth
    for child in tree.children_of(root_id):
        yield from _walk(tree, child.id, depth + 1)
