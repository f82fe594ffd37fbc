from sqlalchemy import select

from intranet.main.models import SitePage


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_database_is_down(make_app):
    broken = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "error"


def test_footer_pages_are_public_and_linked_from_every_page(client):
    page = client.get("/konto/anmelden").get_data(as_text=True)
    for slug in ("barrierefreiheit", "barriere-melden", "datenschutz"):
        assert f"/seiten/{slug}" in page
        assert client.get(f"/seiten/{slug}").status_code == 200


def test_unknown_site_page_is_404(client):
    assert client.get("/seiten/gibt-es-nicht").status_code == 404


def test_admin_edits_accessibility_statement(client, factory, login_as, app):
    login_as(factory.admin())
    response = client.post(
        "/seiten/barrierefreiheit/bearbeiten", data={"title": "Barrierefreiheit", "body": "## Stand\n\nNeu."}
    )
    assert response.status_code == 303
    page = app.extensions["sqlalchemy"].session.scalar(select(SitePage))
    assert page.body.endswith("Neu.")
    assert "<h2>Stand</h2>" in client.get("/seiten/barrierefreiheit").get_data(as_text=True)


def test_site_page_edit_keeps_input_on_error(client, factory, login_as):
    login_as(factory.admin())
    response = client.post("/seiten/datenschutz/bearbeiten", data={"title": "", "body": "Mein Text"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Mein Text" in html
    assert 'aria-invalid="true"' in html


def test_site_page_redirect_stays_under_the_installations_path(client, factory, login_as):
    """Lotse may run below a path (SCRIPT_NAME); the redirect after saving is built by url_for."""
    login_as(factory.admin())
    response = client.post(
        "/seiten/datenschutz/bearbeiten",
        data={"title": "Datenschutz", "body": "Text"},
        environ_overrides={"SCRIPT_NAME": "/lotse"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/lotse/seiten/datenschutz"


def test_form_errors_lists_the_form_level_errors(app):
    """Errors that name no field (DomainError.show_on puts them in form.form_errors) are shown in
    the summary; the hint about marked fields only appears when a field has an error."""
    from flask import render_template_string
    from wtforms import Form, StringField

    class Sample(Form):
        name = StringField("Name")

    template = '{% from "_macros/forms.html" import form_errors %}{{ form_errors(form) }}'
    form = Sample()
    with app.test_request_context():
        assert render_template_string(template, form=form).strip() == ""
        form.form_errors.append("Die Einheit ist deaktiviert.")
        html = render_template_string(template, form=form)
        assert "Die Einheit ist deaktiviert." in html
        assert 'role="alert"' in html
        assert "bei den markierten Feldern" not in html
        form.name.errors = ["Bitte füllen Sie dieses Feld aus."]
        assert "bei den markierten Feldern" in render_template_string(template, form=form)
