"""Home, health check, and the pages linked from every footer."""

from flask import Blueprint, abort, flash, jsonify, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import text

from intranet import permissions
from intranet.extensions import db, limiter
from intranet.hx import redirect_after_post
from intranet.main import my_data as my_data_sections
from intranet.main import site_pages
from intranet.main.forms import SitePageForm
from intranet.main.home import load_panels

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def home():
    return render_template("main/home.html", panels=load_panels(current_user))


@bp.get("/meine-daten")
@login_required
def my_data():
    return render_template("main/my_data.html", sections=my_data_sections.collect(current_user))


@bp.get("/meine-daten.json")
@login_required
def my_data_download():
    sections = my_data_sections.collect(current_user)
    payload = {
        str(section.title): {"sichtbar_fuer": str(section.visible_to), "daten": section.rows}
        for section in sections
    }
    response = jsonify(payload)
    response.headers["Content-Disposition"] = 'attachment; filename="meine-daten-lotse.json"'
    return response


@bp.get("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # any driver error means the database is not usable
        db.session.rollback()
        database = "error"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "error", database=database), status


@bp.get("/seiten/<slug>")
def site_page(slug):
    if slug not in site_pages.SLUGS:
        abort(404)
    return render_template("main/site_page.html", page=site_pages.load_page(slug), slug=slug)


@bp.route("/seiten/<slug>/bearbeiten", methods=["GET", "POST"])
@login_required
def edit_site_page(slug):
    if slug not in site_pages.SLUGS:
        abort(404)
    permissions.require(permissions.can_edit_site_pages(current_user))
    page = site_pages.load_page(slug)
    form = SitePageForm(obj=page)
    if form.validate_on_submit():
        site_pages.save_page(current_user, slug, form.title.data, form.body.data)
        db.session.commit()
        flash(_("Die Seite wurde gespeichert."), "success")
        return redirect_after_post(f"/seiten/{slug}")
    return render_template("main/edit_site_page.html", form=form, slug=slug), (422 if form.errors else 200)
