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
    page = client.get("/auth/login").get_data(as_text=True)
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
