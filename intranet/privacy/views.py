"""Admin pages: retention periods and the purge, the Art. 30 record, erasure of a person."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet import features
from intranet import permissions as perm
from intranet.domain import DomainError, attempt
from intranet.hx import redirect_after_post
from intranet.privacy import erasure, purge, queries, register, retention
from intranet.privacy.forms import ErasureForm, PreviewForm, PurgeForm

bp = Blueprint("privacy", __name__, url_prefix="/verwaltung")


@bp.before_request
@login_required
def _signed_in():
    """Every page here needs a signed-in user; each view checks its own permission."""


@bp.get("/aufbewahrung")
def retention_periods():
    perm.require(perm.can_manage_privacy(current_user))
    return render_template(
        "privacy/retention.html",
        categories=features.data_categories(),
        retention=retention,
        register=register,
        last_run=purge.last_run(),
        form=PurgeForm(),
    )


@bp.post("/aufbewahrung/bereinigen")
def run_purge():
    perm.require(perm.can_manage_privacy(current_user))
    form = PurgeForm()
    if form.validate_on_submit():
        attempt(
            purge.run_now, success=lambda result: _("Bereinigung abgeschlossen: %(result)s", result=result)
        )
    return redirect_after_post(url_for("privacy.retention_periods"))


@bp.get("/verarbeitungsverzeichnis")
def processing_register():
    perm.require(perm.can_manage_privacy(current_user))
    return render_template(
        "privacy/register.html",
        columns=register.columns(),
        rows=register.rows(),
        controller=register.controller(),
    )


@bp.get("/verarbeitungsverzeichnis.csv")
def processing_register_csv():
    perm.require(perm.can_manage_privacy(current_user))
    return Response(
        register.as_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="verarbeitungsverzeichnis-lotse.csv"'},
    )


def _preview(person, delete_contributions: bool):
    try:
        return erasure.preview(current_user, person, delete_contributions), None
    except DomainError as error:
        return [], error.message


@bp.route("/personen/<int:user_id>/loeschen", methods=["GET", "POST"])
def erase_person(user_id):
    person = queries.get_person_or_404(user_id)
    perm.require(perm.can_erase_person(current_user, person))
    choice = PreviewForm(request.args)
    form = ErasureForm()
    if request.method == "GET":
        form.delete_contributions.data = "1" if choice.beitraege.data else ""
    delete_contributions = form.delete_contributions.data == "1"
    if form.validate_on_submit():
        done = attempt(
            lambda: erasure.erase_person(current_user, person, delete_contributions),
            form=form,
            field="confirm",
            success=_(
                "Die Person wurde gelöscht. Öffentliche Beiträge stehen jetzt unter "
                "„ehemalige Mitarbeiterin / ehemaliger Mitarbeiter“."
            ),
        )
        if done:
            return redirect_after_post(url_for("admin.users"))
    effects, refusal = _preview(person, delete_contributions)
    choice.beitraege.data = delete_contributions
    return render_template(
        "privacy/erase.html",
        person=person,
        effects=effects,
        refusal=refusal,
        choice=choice,
        form=form,
        delete_contributions=delete_contributions,
    ), (422 if form.errors else 200)
