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
