"""Home, health check, and the pages linked from every footer."""

from flask import Blueprint, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet import permissions as perm
from intranet.domain import attempt
from intranet.extensions import limiter
from intranet.hx import redirect_after_post
from intranet.main import my_data as my_data_sections
from intranet.main import queries, site_pages
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
    if queries.database_ok():
        return jsonify(status="ok", database="ok"), 200
    return jsonify(status="error", database="error"), 503


@bp.get("/seiten/<slug>")
def site_page(slug):
    return render_template("main/site_page.html", page=queries.get_site_page_or_404(slug), slug=slug)


@bp.route("/seiten/<slug>/bearbeiten", methods=["GET", "POST"])
@login_required
def edit_site_page(slug):
    page = queries.get_site_page_or_404(slug)
    perm.require(perm.can_edit_site_pages(current_user))
    form = SitePageForm(obj=page)
    if form.validate_on_submit() and attempt(
        lambda: site_pages.save_page(current_user, slug, form.title.data, form.body.data),
        form=form,
        success=_("Die Seite wurde gespeichert."),
    ):
        return redirect_after_post(url_for("main.site_page", slug=slug))
    return render_template("main/edit_site_page.html", form=form, slug=slug), (422 if form.errors else 200)
