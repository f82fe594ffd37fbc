"""Leadership: drafting, publishing, revising and moving decisions on."""

from __future__ import annotations

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from intranet import permissions
from intranet.decisions import services
from intranet.decisions.forms import DecisionForm, StatusForm
from intranet.decisions.models import Decision
from intranet.decisions.views import bp, load_decision
from intranet.extensions import db
from intranet.hx import redirect_after_post
from intranet.org.services import org_tree
from intranet.topics.services import topic_choices


def scope_choices() -> list[tuple[int, str]]:
    """Units the current user leads (subtrees included), indented like the org tree."""
    scope = permissions.leadership_unit_ids(current_user)
    return [(uid, label) for uid, label in org_tree().choices() if uid in scope]


def decision_form(decision: Decision | None) -> DecisionForm:
    if decision is not None and request.method == "GET":
        form = DecisionForm(obj=decision)
        form.affected_unit_ids.data = [unit.id for unit in decision.affected_units]
        form.topic_id.data = decision.topic_id or 0
        alternatives = [{"title": a.title, "why_not": a.why_not} for a in decision.alternatives]
        while len(alternatives) < 3 or len(alternatives) < len(decision.alternatives) + 1:
            alternatives.append({"title": "", "why_not": ""})
        form.alternatives.process(None, data=alternatives[:10])
    else:
        form = DecisionForm()
    form.set_choices(scope_choices(), topic_choices())
    return form


def _put_error(form, error: services.DecisionError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    (field.errors if field is not None else form.form_errors).append(error.message)


@bp.route("/new", methods=["GET", "POST"])
def create():
    permissions.require(permissions.can_create_decision(current_user))
    form = decision_form(None)
    if form.validate_on_submit():
        try:
            decision = services.create_decision(current_user, form.to_data())
            if "publish" in request.form:
                services.publish_decision(current_user, decision, form.to_data())
        except services.DecisionError as error:
            db.session.rollback()
            _put_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Die Entscheidung wurde veröffentlicht.")
                if decision.is_published
                else _("Der Entwurf wurde gespeichert."),
                "success",
            )
            return redirect_after_post(url_for("decisions.detail", decision_id=decision.id))
    return render_template("decisions/form.html", form=form, decision=None), (
        422 if form.errors or form.form_errors else 200
    )


@bp.route("/<int:decision_id>/edit", methods=["GET", "POST"])
def edit(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_edit_decision(current_user, decision))
    form = decision_form(decision)
    if form.validate_on_submit():
        try:
            services.update_decision(
                current_user, decision, form.to_data(), form.reason.data, bool(form.is_substantive.data)
            )
            if "publish" in request.form and decision.is_draft:
                services.publish_decision(current_user, decision, form.to_data())
        except services.DecisionError as error:
            db.session.rollback()
            decision = load_decision(decision_id)
            _put_error(form, error)
        else:
            db.session.commit()
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect_after_post(url_for("decisions.detail", decision_id=decision.id))
    return render_template("decisions/form.html", form=form, decision=decision), (
        422 if form.errors or form.form_errors else 200
    )


@bp.post("/<int:decision_id>/publish")
def publish(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_publish_decision(current_user, decision))
    try:
        services.publish_decision(current_user, decision)
    except services.DecisionError as error:
        db.session.rollback()
        flash(_("Noch nicht veröffentlicht: %(message)s", message=error.message), "error")
        return redirect_after_post(url_for("decisions.edit", decision_id=decision_id))
    db.session.commit()
    flash(_("Die Entscheidung wurde veröffentlicht."), "success")
    return redirect_after_post(url_for("decisions.detail", decision_id=decision.id))


def successor_choices(decision: Decision) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Decision.id, Decision.title)
        .where(Decision.id != decision.id, Decision.status.in_(("decided", "implemented")))
        .order_by(Decision.published_at.desc(), Decision.id.desc())
        .limit(300)
    ).all()
    return [(row.id, _("Nr. %(id)d: %(title)s", id=row.id, title=row.title)) for row in rows]


@bp.route("/<int:decision_id>/status", methods=["GET", "POST"])
def change_status(decision_id):
    decision = load_decision(decision_id)
    permissions.require(permissions.can_change_decision_status(current_user, decision))
    form = StatusForm()
    form.set_choices(decision.status, successor_choices(decision))
    if form.validate_on_submit():
        successor = db.session.get(Decision, form.successor_id.data or 0)
        if successor is not None and not permissions.can_view_decision(current_user, successor):
            successor = None  # another scope's draft: as if it did not exist
        try:
            services.change_status(current_user, decision, form.status.data, form.reason.data, successor)
        except services.DecisionError as error:
            db.session.rollback()
            decision = load_decision(decision_id)
            _put_error(form, error)
        else:
            db.session.commit()
            flash(_("Der Status wurde geändert."), "success")
            return redirect_after_post(url_for("decisions.detail", decision_id=decision.id))
    return render_template("decisions/status.html", form=form, decision=decision), (
        422 if form.errors or form.form_errors else 200
    )
