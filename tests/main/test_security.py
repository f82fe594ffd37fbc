"""Security headers, CSP, cookies, error pages without stack traces."""

from intranet.security import is_safe_redirect


def test_security_headers_on_public_page(client):
    response = client.get("/konto/anmelden")
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_store_on_signed_in_pages(client, factory, login_as):
    assert "no-store" not in client.get("/konto/anmelden").headers.get("Cache-Control", "")
    login_as(factory.user())
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(client, factory):
    user = factory.user()
    response = client.post(
        "/konto/anmelden", data={"email": user.email, "password": "richtig-gutes-passwort"}
    )
    cookie = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("lotse_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_secure_cookies_when_https_is_configured(make_app, factory):
    https_app = make_app(LOTSE_HTTPS=True, SESSION_COOKIE_SECURE=True)
    user = factory.user()
    response = https_app.test_client().post(
        "/konto/anmelden",
        data={"email": user.email, "password": "richtig-gutes-passwort"},
        base_url="https://localhost",
    )
    cookie = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("lotse_session=")
    )
    assert "Secure" in cookie


def test_pages_have_no_inline_script(client, factory, login_as):
    login_as(factory.admin())
    for path in ("/", "/verwaltung/personen", "/organisation/", "/verwaltung/import"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and "hx-on" not in html
        assert 'style="' not in html


def test_unexpected_error_shows_german_page_without_traceback(make_app, factory, login_as, monkeypatch):
    failing = make_app()
    user = factory.user()
    client = login_as(user, failing.test_client())

    def explode(user):
        raise RuntimeError("geheimes Detail")

    monkeypatch.setattr("intranet.main.views.load_panels", explode)
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Technischer Fehler" in html
    assert "geheimes Detail" not in html and "Traceback" not in html


def test_404_page_is_german_and_htmx_variant_targets_live_region(client, factory, login_as):
    login_as(factory.user())
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)
    partial = client.get("/gibt-es-nicht", headers={"HX-Request": "true", "HX-Target": "x"})
    assert partial.headers["HX-Retarget"] == "#flash-region"
    assert "<html" not in partial.get_data(as_text=True)


def test_safe_redirect_rules():
    assert is_safe_redirect("/organisation/")
    for bad in (None, "", "https://evil.example", "//evil", "/\\evil", "evil", "/x\r\nSet-Cookie:"):
        assert not is_safe_redirect(bad)


def test_production_refuses_weak_secret_key(monkeypatch):
    import pytest

    from intranet import create_app
    from intranet.config import ConfigError

    monkeypatch.setenv("LOTSE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "dev")
    with pytest.raises(ConfigError):
        create_app()


def test_proxy_fix_is_configurable(make_app):
    proxied = make_app(LOTSE_PROXY_COUNT=1)
    assert type(proxied.wsgi_app).__name__ == "ProxyFix"


def test_huge_ids_are_404_not_database_errors(client, factory, login_as):
    login_as(factory.admin())
    for path in (
        "/verwaltung/personen/99999999999999999999",
        "/organisation/99999999999999999999",
        "/verwaltung/themen/2147483648",
    ):
        assert client.get(path).status_code == 404, path


def test_nul_bytes_in_input_never_reach_the_database(client, factory, login_as):
    login_as(factory.admin())
    response = client.post("/verwaltung/themen", data={"name": "Da\x00ten\x00schutz"})
    assert response.status_code == 303
    assert "Datenschutz" in client.get("/verwaltung/themen").get_data(as_text=True)
    assert client.get("/verwaltung/personen?q=a\x00b").status_code == 200
