"""Home, health check, and the pages linked from every footer."""

import json
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from intranet import clock
from intranet import permissions as perm
from intranet.domain import attempt
from intranet.extensions import limiter
from intranet.hx import redirect_after_post
from intranet.main import my_data as my_data_sections
from intranet.main import queries, site_pages
from intranet.main.forms import SitePageForm
from intranet.main.home import load_panels, load_todos

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def home():
    return render_template(
        "main/home.html",
        todos=load_todos(current_user),
        today=clock.local_today(),
        panels=load_panels(current_user),
    )


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


@bp.get("/favicon.ico")
@limiter.exempt
def favicon():
    """Browsers ask for /favicon.ico on their own; answer it instead of logging a 404."""
    response = send_from_directory(Path(current_app.static_folder) / "img", "favicon.ico", max_age=86400)
    response.mimetype = "image/vnd.microsoft.icon"
    return response


@bp.get("/manifest.webmanifest")
@limiter.exempt
def manifest():
    """Web app manifest, so staff can put Lotse on their phone's home screen."""
    icons = [
        {
            "src": url_for("static", filename=f"img/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in (192, 512)
    ]
    icons.append({"src": url_for("static", filename="img/logo.svg"), "sizes": "any", "type": "image/svg+xml"})
    payload = {
        "name": f"Lotse – {current_app.config['LOTSE_ORGANISATION_NAME']}",
        "short_name": "Lotse",
        "description": _(
            "Das Intranet für Ihre Verwaltung: Fragen, Lernpfade, Pilotprojekte, Entscheidungen."
        ),
        "lang": "de",
        "start_url": url_for("main.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f3f5f7",
        "theme_color": "#0d3a5c",
        "icons": icons,
    }
    response = current_app.response_class(
        json.dumps(payload, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.cache_control.max_age = 3600
    return response


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
