"""Error pages (403/404/413/429/500, CSRF) and their htmx variants; rollback on 500."""

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from intranet.extensions import db, htmx

MESSAGES = {
    400: (_l("Ungültige Anfrage"), _l("Die Anfrage konnte nicht verarbeitet werden.")),
    401: (_l("Bitte anmelden"), _l("Für diese Seite müssen Sie angemeldet sein.")),
    403: (_l("Kein Zugriff"), _l("Sie haben keine Berechtigung für diese Seite oder Aktion.")),
    404: (
        _l("Seite nicht gefunden"),
        _l("Diese Seite gibt es nicht (mehr), oder Sie dürfen sie nicht sehen."),
    ),
    405: (_l("Aktion nicht erlaubt"), _l("Diese Aktion ist auf diesem Weg nicht möglich.")),
    413: (_l("Datei zu groß"), _l("Die hochgeladene Datei ist zu groß (höchstens 16 MB).")),
    429: (
        _l("Zu viele Versuche"),
        _l(
            "Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten und "
            "versuchen Sie es dann erneut."
        ),
    ),
    500: (
        _l("Technischer Fehler"),
        _l(
            "Es ist ein Fehler aufgetreten. Ihre Eingaben wurden nicht gespeichert. "
            "Bitte versuchen Sie es später erneut."
        ),
    ),
}
CSRF_MESSAGE = _l(
    "Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und senden Sie es noch einmal."
)


API_PREFIX = "/api/"


def render_error(status: int, message=None, headers=None):
    """The error as the client needs it: JSON under /api/, a live-region message for an htmx
    fragment request, else a page. `headers` of the HTTP error (e.g. `Allow` on a 405) are kept."""
    title, default_message = MESSAGES.get(status, MESSAGES[500])
    message = message or default_message
    headers = dict(headers or {})
    headers.pop("Content-Type", None)
    if request.path.startswith(API_PREFIX):
        body = {"error": {"status": status, "message": str(message)}}
        return jsonify(body), status, headers
    if htmx and not htmx.boosted:
        # A fragment request: show the message in the live region instead of
        # swapping an error page into a small part of the page.
        html = render_template("errors/_message.html", title=title, message=message)
        return html, status, {**headers, "HX-Retarget": "#flash-region", "HX-Reswap": "innerHTML"}
    return render_template("errors/error.html", title=title, message=message, status=status), status, headers


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def _http_error(error):
        if error.code in (301, 302, 303, 307, 308):
            return error
        return render_error(error.code or 500, headers=error.get_headers())

    @app.errorhandler(Exception)
    def _unexpected(error):
        db.session.rollback()
        app.logger.exception("Unerwarteter Fehler bei %s %s", request.method, request.path)
        return render_error(500)
