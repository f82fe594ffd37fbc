"""Contact persons, the guide directory, coverage, guide profiles and SLA settings."""

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from intranet import permissions as perm
from intranet.audit.services import record
from intranet.auth.models import User
from intranet.extensions import db
from intranet.guides import queries, routing, services
from intranet.guides.escalation import DEFAULT_SLA_HOURS, DEFAULT_WARN_HOURS, sla_settings
from intranet.guides.forms import AssignGuideForm, ProfileForm, SlaForm
from intranet.guides.views import bp
from intranet.hx import redirect_after_post
from intranet.org.models import OrgUnit
from intranet.org.services import MAX_DEPTH
from intranet.topics.services import topic_choices


@bp.get("/")
def index():
    """ "Meine Ansprechpersonen" and my own questions."""
    page = db.paginate(queries.my_questions_query(current_user), per_page=10, error_out=False)
    return render_template(
        "guides/index.html",
        chain=routing.contact_chain(current_user.unit_id),
        gm=routing.guide_map(),
        page=page,
    )


@bp.get("/directory")
def directory():
    by_topic = request.args.get("view") == "topics"
    return render_template(
        "guides/directory.html",
        by_topic=by_topic,
        gm=routing.guide_map(),
        topics=queries.topic_directory() if by_topic else [],
    )


@bp.get("/coverage")
def coverage():
    perm.require(perm.can_manage_guides(current_user))
    rows = routing.coverage()
    return render_template("guides/coverage.html", rows=rows, uncovered=sum(1 for row in rows if not row[2]))


def _sla_rows():
    settings = sla_settings()
    depth = max([d for _u, d in routing.guide_map().tree.walk(True)] + list(settings) + [0])
    return [(d, settings.get(d)) for d in range(min(depth, MAX_DEPTH) + 1)]


@bp.route("/escalation", methods=["GET", "POST"])
def escalation_settings():
    perm.require(perm.can_manage_guides(current_user))
    form = SlaForm()
    if form.validate_on_submit():
        try:
            services.save_sla(form.depth.data, form.sla_hours.data, form.warn_hours.data)
        except services.GuidesError as error:
            error.show_on(form, "sla_hours")
        else:
            db.session.commit()
            flash(_("Die Frist für Ebene %(depth)d ist gespeichert.", depth=form.depth.data), "success")
            return redirect_after_post(url_for("guides.escalation_settings"))
    return render_template(
        "guides/escalation.html",
        rows=_sla_rows(),
        form=form,
        default_sla=DEFAULT_SLA_HOURS,
        default_warn=DEFAULT_WARN_HOURS,
    ), (422 if form.errors else 200)


@bp.route("/profile/<int:user_id>", methods=["GET", "POST"])
def edit_profile(user_id):
    guide = db.get_or_404(User, user_id)
    perm.require(perm.can_edit_guide_profile(current_user, guide))
    profile = routing.guide_map().profile(guide.id)
    form = ProfileForm(obj=profile)
    form.deputy_id.choices = [(0, _l("– keine –"))] + [
        (u.id, u.name)
        for u in db.session.scalars(
            select(User).where(User.is_active_account.is_(True), User.id != guide.id).order_by(User.name)
        ).all()
    ]
    form.topic_ids.choices = topic_choices()
    if request.method == "GET" and profile is not None:
        form.deputy_id.data = profile.deputy_id or 0
        form.topic_ids.data = [topic.id for topic in profile.topics]
    if form.validate_on_submit():
        try:
            services.save_profile(
                guide,
                form.is_absent.data,
                form.deputy_id.data or None,
                form.topic_ids.data or [],
                form.note.data,
            )
        except services.GuidesError as error:
            error.show_on(form, "note")
        else:
            db.session.commit()
            flash(_("Das Lotsenprofil ist gespeichert."), "success")
            return redirect_after_post(url_for("guides.directory") + f"#guide-{guide.id}")
    return render_template("guides/profile.html", form=form, guide=guide), (422 if form.errors else 200)


def _unit_page(unit, form, status=200):
    gm = routing.guide_map()
    return render_template(
        "guides/unit_guides.html",
        unit=unit,
        form=form,
        gm=gm,
        guides=gm.guides_by_unit.get(unit.id, []),
        covering=gm.tree.get(gm.route_unit(unit.id)),
    ), status


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit_guides(unit_id):
    """Admins assign guides to a unit (deputies and topics live on each guide's profile)."""
    perm.require(perm.can_manage_guides(current_user))
    unit = db.get_or_404(OrgUnit, unit_id)
    form = AssignGuideForm()
    if form.validate_on_submit():
        try:
            person = services.assign_guide(unit, form.email.data)
        except services.GuidesError as error:
            form.email.errors.append(error.message)
        else:
            record(current_user, "guide_assigned", unit, summary=f"{person.name} → {unit.name}")
            db.session.commit()
            flash(
                _("%(name)s ist jetzt Lotsin bzw. Lotse für %(unit)s.", name=person.name, unit=unit.name),
                "success",
            )
            return redirect_after_post(url_for("guides.unit_guides", unit_id=unit.id))
    return _unit_page(unit, form, 422 if form.errors else 200)


@bp.post("/units/<int:unit_id>/remove/<int:user_id>")
def remove_unit_guide(unit_id, user_id):
    perm.require(perm.can_manage_guides(current_user))
    unit, person = db.get_or_404(OrgUnit, unit_id), db.get_or_404(User, user_id)
    try:
        services.remove_guide(unit, person)
    except services.GuidesError as error:
        flash(error.message, "error")
    else:
        record(current_user, "guide_removed", unit, summary=f"{person.name} → {unit.name}")
        db.session.commit()
        flash(
            _("%(name)s ist nicht mehr Lotsin bzw. Lotse für %(unit)s.", name=person.name, unit=unit.name),
            "success",
        )
    return redirect_after_post(url_for("guides.unit_guides", unit_id=unit.id))
