"""Decision register pages: register, decision page, history and diff, timeline."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload, selectinload

from intranet import clock, permissions
from intranet.decisions import engagement
from intranet.decisions.diff import diff_snapshots
from intranet.decisions.forms import RegisterFilterForm
from intranet.decisions.links import linked_items
from intranet.decisions.models import Decision, DecisionQuestion, DecisionRevision
from intranet.decisions.openapi import MAX_ID
from intranet.decisions.queries import RegisterFilter, register_query, timeline
from intranet.extensions import db
from intranet.hx import render_page_or_partial, wants_partial
from intranet.org.services import org_tree
from intranet.topics.services import topic_choices

bp = Blueprint("decisions", __name__, url_prefix="/decisions")

# Feed readers and calendars send no session cookie: their secret token authenticates.
TOKEN_ENDPOINTS = {"decisions.feed", "decisions.token_calendar"}


@bp.before_request
def _signed_in():
    if request.endpoint in TOKEN_ENDPOINTS or current_user.is_authenticated:
        return None
    return current_app.login_manager.unauthorized()


def load_decision(decision_id: int, with_questions: bool = False) -> Decision:
    if decision_id > MAX_ID:  # larger than any stored id (and than SQLite's integers)
        abort(404)
    options = [
        joinedload(Decision.unit),
        joinedload(Decision.owner),
        joinedload(Decision.topic),
        joinedload(Decision.superseded_by),
        selectinload(Decision.supersedes),
        selectinload(Decision.affected_units),
        selectinload(Decision.alternatives),
    ]
    if with_questions:
        options.append(
            selectinload(Decision.questions).options(
                joinedload(DecisionQuestion.asker), joinedload(DecisionQuestion.answered_by)
            )
        )
    decision = db.session.scalar(select(Decision).options(*options).where(Decision.id == decision_id))
    if decision is None:
        abort(404)
    permissions.require(permissions.can_view_decision(current_user, decision), hide=True)
    return decision


def filter_form() -> tuple[RegisterFilterForm, RegisterFilter, bool]:
    """The register's GET filters; invalid ones are reported and ignored."""
    form = RegisterFilterForm(request.args)
    form.set_choices(
        org_tree().choices(active_only=False),
        topic_choices(),
        with_drafts=bool(permissions.leadership_unit_ids(current_user)),
    )
    valid = form.validate()
    if form.unit.data and org_tree().get(form.unit.data) is None:
        form.unit.errors.append(_("Diese Einheit gibt es nicht."))
    if form.topic.data and form.topic.data not in dict(form.topic.choices):
        form.topic.errors.append(_("Dieses Thema gibt es nicht."))
    valid = valid and not form.unit.errors and not form.topic.errors
    filters = RegisterFilter(
        q=(form.q.data or "").strip() if not form.q.errors else "",
        mine=bool(form.mine.data),
        unit_id=(form.unit.data or None) if not form.unit.errors else None,
        topic_id=(form.topic.data or None) if not form.topic.errors else None,
        status=form.status.data or "",
        date_from=None if form.date_from.errors else form.date_from.data,
        date_to=None if form.date_to.errors else form.date_to.data,
    )
    return form, filters, valid


@bp.get("/")
def index():
    form, filters, valid = filter_form()
    page = db.paginate(
        register_query(current_user, filters), per_page=current_app.config["LOTSE_PER_PAGE"], error_out=False
    )
    return render_page_or_partial(
        "decisions/index.html",
        "decisions/partials/_results.html",
        "decision-results",
        form=form,
        page=page,
        announce=wants_partial("decision-results"),
    ), (200 if valid else 422)


@bp.get("/liste.<any(csv, xlsx):fmt>")
def export(fmt):
    from intranet.exports import serve

    permissions.require(permissions.can_view_decisions(current_user))
    _form, filters, _valid = filter_form()
    return serve.respond("decision-register", fmt, current_user, filters=filters)


@bp.get("/timeline")
def timeline_page():
    form, filters, valid = filter_form()
    upcoming, recent = timeline(current_user, filters, clock.local_today())
    return render_page_or_partial(
        "decisions/timeline.html",
        "decisions/partials/_timeline.html",
        "timeline-results",
        form=form,
        upcoming=upcoming,
        recent=recent,
        announce=wants_partial("timeline-results"),
    ), (200 if valid else 422)


@bp.get("/<int:decision_id>")
def detail(decision_id):
    from intranet.decisions.forms import AnswerForm, QuestionForm

    decision = load_decision(decision_id, with_questions=True)
    return render_template(
        "decisions/detail.html",
        decision=decision,
        **detail_context(decision),
        question_form=QuestionForm(),
        answer_form=AnswerForm(),
    )


def detail_context(decision: Decision) -> dict:
    """Per-user state of the decision page, in a fixed number of queries."""
    context = {
        "following": False,
        "acknowledged": False,
        "aggregates": None,
        "k": None,
        "links": linked_items(decision),
    }
    if decision.is_published:
        context["following"] = engagement.is_following(current_user, decision)
    if permissions.can_acknowledge_decision(current_user, decision):
        context["acknowledged"] = engagement.has_acknowledged(current_user, decision)
    if permissions.can_view_decision_acknowledgements(current_user, decision):
        context["aggregates"], context["k"] = engagement.acknowledgement_aggregates(decision)
    return context


@bp.get("/<int:decision_id>/history")
def history(decision_id):
    decision = load_decision(decision_id)
    revisions = db.session.scalars(
        select(DecisionRevision)
        .options(defer(DecisionRevision.snapshot), joinedload(DecisionRevision.author))
        .where(DecisionRevision.decision_id == decision.id)
        .order_by(DecisionRevision.number.desc())
    ).all()
    return render_template("decisions/history.html", decision=decision, revisions=revisions)


@bp.get("/<int:decision_id>/diff")
def diff(decision_id):
    decision = load_decision(decision_id)
    numbers = [request.args.get("from", type=int), request.args.get("to", type=int)]
    if None in numbers:
        abort(400)
    revisions = {
        rev.number: rev
        for rev in db.session.scalars(
            select(DecisionRevision)
            .options(joinedload(DecisionRevision.author))
            .where(DecisionRevision.decision_id == decision.id, DecisionRevision.number.in_(numbers))
        )
    }
    if any(number not in revisions for number in numbers):
        abort(404)
    old, new = (revisions[number] for number in sorted(numbers))
    return render_template(
        "decisions/diff.html",
        decision=decision,
        old=old,
        new=new,
        changes=diff_snapshots(old.snapshot, new.snapshot),
    )


from intranet.decisions import views_edit, views_engage  # noqa: E402,F401 - register routes
