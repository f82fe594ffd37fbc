"""Links that leave the request: in notifications, e-mails, feeds, calendars and jobs.

They are built with the URL map (never with f-strings) and always under LOTSE_BASE_URL,
never from the request's Host header – a forged `Host:` or `X-Forwarded-Host:` must not
put an attacker's host into a password-reset mail. Works with or without a request, in
any app context (jobs have none).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import MapAdapter


def _adapter() -> MapAdapter:
    app = current_app._get_current_object()
    cached = app.extensions.get("lotse_base_url_adapter")
    if cached is None or cached[0] != app.config["LOTSE_BASE_URL"]:
        base = urlsplit(app.config["LOTSE_BASE_URL"])
        adapter = app.url_map.bind(
            base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
        )
        cached = (app.config["LOTSE_BASE_URL"], adapter)
        app.extensions["lotse_base_url_adapter"] = cached
    return cached[1]


def path_for(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The path of an endpoint under the base URL (e.g. "/pilotprojekte/3"), for stored links."""
    path = _adapter().build(endpoint, values)
    return f"{path}#{_anchor}" if _anchor else path


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The full URL of an endpoint under LOTSE_BASE_URL."""
    url = _adapter().build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def absolute(path: str) -> str:
    """A stored path made absolute under LOTSE_BASE_URL (for e-mails)."""
    if path.startswith(("http://", "https://")):
        return path
    base = urlsplit(current_app.config["LOTSE_BASE_URL"])
    prefix = base.path.rstrip("/")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        prefix = ""
    return f"{base.scheme}://{base.netloc}{prefix}{path}"


def base_host() -> str:
    """The installation's host name, e.g. for globally unique iCal UIDs."""
    return urlsplit(current_app.config["LOTSE_BASE_URL"]).hostname or "lotse.invalid"
