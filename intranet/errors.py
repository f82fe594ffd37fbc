"""Error pages (403/404/413/429/500, CSRF) and their htmx variants; rollback on 500; the German
503 page while the database is away (issue 16, finding 1)."""

from flask import current_app, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from intranet.extensions import db, htmx, login_manager

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

# While the database is away: what the page says, and when the browser may ask again.
UNAVAILABLE_TITLE = _l("Lotse ist gleich wieder da")
UNAVAILABLE_MESSAGE = _l(
    "Lotse ist gleich wieder da – die Datenbank antwortet gerade nicht. Bitte versuchen Sie es in "
    "einer Minute noch einmal."
)
NOT_SAVED = _l(
    "Ihr Eintrag wurde nicht gespeichert. Hier ist, was Sie eingegeben haben – Sie können es "
    "gleich noch einmal senden oder es sich kopieren."
)
RETRY_AFTER_SECONDS = 30
# Fields never shown back (secrets) and their labels for the rest (code names otherwise).
NEVER_SHOWN = ("csrf_token", "password", "secret", "token")
FIELD_LABELS = {
    "title": _l("Titel"),
    "body": _l("Text"),
    "text": _l("Text"),
    "question": _l("Frage"),
    "answer": _l("Antwort"),
    "motivation": _l("Motivation"),
    "description": _l("Beschreibung"),
    "summary": _l("Zusammenfassung"),
    "comment": _l("Kommentar"),
    "name": _l("Name"),
    "email": _l("E-Mail-Adresse"),
}


def database_unavailable(error: BaseException | None) -> bool:
    """True if `error` (or what caused it) says the database cannot be reached or answered too
    late: refused or lost connections, a full pool, a statement timeout, an unopenable file."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
            return True
        if type(error) is DatabaseError:  # e.g. SQLite "file is not a database"
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = getattr(error, "original_exception", None) or error.__cause__ or error.__context__
    return False


def _typed_back() -> list[tuple[str, str, str]]:
    """What a failed POST carried, to show it again: (label, field name, value)."""
    if request.method != "POST":
        return []
    typed = []
    for name, values in request.form.lists():
        if any(word in name.lower() for word in NEVER_SHOWN):
            continue
        for value in values:
            if value.strip():
                typed.append((str(FIELD_LABELS.get(name, name)), name, value))
    return typed


def render_unavailable(error: BaseException):
    """The 503 answer while the database is away; touches nothing that needs the database."""
    # From here on current_user is anonymous without asking the database (after_request hooks
    # and templates look at it).
    g._login_user = login_manager.anonymous_user()
    try:
        db.session.rollback()
    except Exception:  # noqa: S110 - the connection is gone; nothing to roll back
        pass
    cause = getattr(error, "orig", None) or error
    summary = (str(cause).strip().splitlines() or [type(cause).__name__])[0][:200]
    current_app.logger.warning(
        "Datenbank nicht erreichbar: %s %s → 503 (%s: %s)",
        request.method,
        request.path,
        type(cause).__name__,
        summary,
    )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if request.path.startswith(API_PREFIX):
        return jsonify({"error": {"status": 503, "message": str(UNAVAILABLE_MESSAGE)}}), 503, headers
    if htmx and not htmx.boosted:
        html = render_template(
            "errors/_message.html",
            title=UNAVAILABLE_TITLE,
            message=NOT_SAVED if request.method == "POST" else UNAVAILABLE_MESSAGE,
        )
        return html, 503, {**headers, "HX-Retarget": "#flash-region", "HX-Reswap": "innerHTML"}
    html = render_template(
        "errors/unavailable.html",
        title=UNAVAILABLE_TITLE,
        message=UNAVAILABLE_MESSAGE,
        not_saved=NOT_SAVED,
        typed=_typed_back(),
    )
    return html, 503, headers


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
        if database_unavailable(getattr(error, "original_exception", None)):
            return render_unavailable(error.original_exception)
        try:
            return render_error(error.code or 500, headers=error.get_headers())
        except Exception as failure:  # the page itself needs the database (base.html)
            if database_unavailable(failure):
                return render_unavailable(failure)
            raise

    @app.errorhandler(Exception)
    def _unexpected(error):
        if database_unavailable(error):
            return render_unavailable(error)
        db.session.rollback()
        app.logger.exception("Unerwarteter Fehler bei %s %s", request.method, request.path)
        try:
            return render_error(500)
        except Exception as failure:
            if database_unavailable(failure):
                return render_unavailable(failure)
            raise
