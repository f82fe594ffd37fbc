"""Admins and guides: coverage, SLA settings, guide profiles, the guides of a unit."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.guides import queries, routing, services
from intranet.guides.escalation import DEFAULT_SLA_HOURS, DEFAULT_WARN_HOURS
from intranet.guides.forms import AssignGuideForm, ProfileForm, SlaForm
from intranet.guides.views import bp
from intranet.hx import redirect_after_post
from intranet.topics.services import topic_choices


@bp.get("/abdeckung")
def coverage():
    perm.require(perm.can_manage_guides(current_user))
    rows = routing.coverage()
    return render_template("guides/coverage.html", rows=rows, uncovered=sum(1 for row in rows if not row[2]))


@bp.route("/fristen", methods=["GET", "POST"])
def escalation_settings():
    perm.require(perm.can_manage_guides(current_user))
    form = SlaForm()
    if form.validate_on_submit():
        done = attempt(
            lambda: services.save_sla(form.depth.data, form.sla_hours.data, form.warn_hours.data),
            form=form,
            field="sla_hours",
            success=_("Die Frist für Ebene %(depth)d ist gespeichert.", depth=form.depth.data),
        )
        if done:
            return redirect_after_post(url_for("guides.escalation_settings"))
    return render_template(
        "guides/escalation.html",
        rows=queries.sla_rows(),
        form=form,
        default_sla=DEFAULT_SLA_HOURS,
        default_warn=DEFAULT_WARN_HOURS,
    ), (422 if form.errors else 200)


@bp.route("/profil/<int:user_id>", methods=["GET", "POST"])
def edit_profile(user_id):
    guide = queries.get_person_or_404(user_id)
    perm.require(perm.can_edit_guide_profile(current_user, guide))
    profile = routing.guide_map().profile(guide.id)
    form = ProfileForm(obj=profile)
    form.deputy_id.choices = [(0, _l("– keine –"))] + [
        (person.id, person.name) for person in queries.deputy_candidates(guide)
    ]
    form.topic_ids.choices = topic_choices()
    if request.method == "GET" and profile is not None:
        form.deputy_id.data = profile.deputy_id or 0
        form.topic_ids.data = [topic.id for topic in profile.topics]
    if form.validate_on_submit():
        done = attempt(
            lambda: services.save_profile(
                guide,
                form.is_absent.data,
                form.deputy_id.data or None,
                form.topic_ids.data or [],
                form.note.data,
            ),
            form=form,
            field="note",
            success=_("Das Lotsenprofil ist gespeichert."),
        )
        if done:
            return redirect_after_post(url_for("guides.directory", _anchor=f"guide-{guide.id}"))
    return render_template("guides/profile.html", form=form, guide=guide), (422 if form.errors else 200)


@bp.route("/einheiten/<int:unit_id>", methods=["GET", "POST"])
def unit_guides(unit_id):
    """Admins assign guides to a unit (deputies and topics live on each guide's profile)."""
    perm.require(perm.can_manage_guides(current_user))
    unit = queries.get_unit_or_404(unit_id)
    form = AssignGuideForm()
    if form.validate_on_submit():
        done = attempt(
            lambda: services.assign_guide(unit, form.email.data, current_user),
            form=form,
            field="email",
            success=lambda person: _(
                "%(name)s ist jetzt Lotsin bzw. Lotse für %(unit)s.", name=person.name, unit=unit.name
            ),
        )
        if done:
            return redirect_after_post(url_for("guides.unit_guides", unit_id=unit.id))
    gm = routing.guide_map()
    return render_template(
        "guides/unit_guides.html",
        unit=unit,
        form=form,
        gm=gm,
        guides=gm.guides_by_unit.get(unit.id, []),
        covering=gm.tree.get(gm.route_unit(unit.id)),
    ), (422 if form.errors else 200)


@bp.post("/einheiten/<int:unit_id>/lotsen/<int:user_id>/entfernen")
def remove_unit_guide(unit_id, user_id):
    perm.require(perm.can_manage_guides(current_user))
    unit, person = queries.get_unit_or_404(unit_id), queries.get_person_or_404(user_id)
    attempt(
        lambda: services.remove_guide(unit, person, current_user),
        success=_(
            "%(name)s ist nicht mehr Lotsin bzw. Lotse für %(unit)s.", name=person.name, unit=unit.name
        ),
    )
    return redirect_after_post(url_for("guides.unit_guides", unit_id=unit.id))
