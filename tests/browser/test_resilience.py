"""The outbox queue page in a real browser: axe, no CSP errors."""

from flask import url_for

from tests.browser.conftest import assert_accessible, assert_no_csp_errors, login


def test_outbox_queue_page(page, factory, app):
    login(page, factory.admin())
    with app.test_request_context():
        path = url_for("admin.outbox")
    page.goto(path)
    assert page.locator("h1").inner_text() == "Postausgang"
    assert_accessible(page, "Postausgang")
    assert_no_csp_errors(page)


def test_outage_page_after_a_form_post(page, tmp_path):
    """The 503 page of a database outage (SQLite file that cannot be opened), after a POST."""
    import threading

    from werkzeug.serving import make_server

    from intranet import create_app
    from tests.conftest import TEST_CONFIG

    broken = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}"})
    server = make_server("127.0.0.1", 0, broken, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        with broken.test_request_context():
            login_path = url_for("auth.login")
        page.goto(base + login_path)
        page.fill("#email", "jemand@test.example")
        page.fill("#password", "geheim-geheim")
        page.get_by_role("button", name="Anmelden").click()
        page.locator("h1", has_text="Lotse ist gleich wieder da").wait_for()
        assert page.locator("textarea").input_value() == "jemand@test.example"
        assert_accessible(page, "Datenbank nicht erreichbar")
        assert_no_csp_errors(page)
    finally:
        server.shutdown()
