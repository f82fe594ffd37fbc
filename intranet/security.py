"""Security headers, CSP, cookie flags, no-store caching and safe redirects."""

from urllib.parse import urlsplit

from flask import Request, request
from flask_login import current_user
from flask_talisman import Talisman
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import SecurityError
from werkzeug.routing import IntegerConverter
from werkzeug.utils import cached_property
from werkzeug.wsgi import get_host

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

talisman = Talisman()


MAX_DB_INT = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """`<int:…>` for database ids: numbers beyond a 32-bit integer are a 404, not a
    database overflow (a 500) on PostgreSQL and SQLite."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DB_INT)
        super().__init__(map, *args, **kwargs)


def _without_nul(values: ImmutableMultiDict) -> ImmutableMultiDict:
    if not any("\x00" in value for value in values.values()):
        return values
    return ImmutableMultiDict([(key, value.replace("\x00", "")) for key, value in values.items(multi=True)])


class LotseRequest(Request):
    """NUL characters are never meaningful text and PostgreSQL refuses to store them,
    so they are dropped from form data and query strings before any view sees them."""

    @cached_property
    def args(self):
        return _without_nul(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _without_nul(self.__dict__["form"])


class TrustedHostMiddleware:
    """Refuses a request for a host name that is not configured (TRUSTED_HOSTS) with a plain
    400 before Flask sees it, so no page, redirect or link is ever built for a forged host."""

    def __init__(self, wsgi_app, hosts: list[str]):
        self.wsgi_app = wsgi_app
        self.hosts = hosts

    def __call__(self, environ, start_response):
        try:
            get_host(environ, self.hosts)
        except SecurityError:
            body = "400 – Unbekannte Adresse. Bitte rufen Sie Lotse über die bekannte Adresse auf.\n"
            start_response(
                "400 Bad Request",
                [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")],
            )
            return [body.encode("utf-8")]
        return self.wsgi_app(environ, start_response)


def init_app(app) -> None:
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.request_class = LotseRequest
    https = app.config["LOTSE_HTTPS"]
    talisman.init_app(
        app,
        force_https=https and not app.config["TESTING"],
        strict_transport_security=https,
        session_cookie_secure=https,
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="same-origin",
        frame_options="DENY",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )

    @app.after_request
    def _no_store_for_signed_in(response):
        # Pages of a signed-in user must not stay in shared or back/forward caches.
        if current_user and current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
            response.headers["Vary"] = "Cookie"
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def is_safe_redirect(target: str | None) -> bool:
    """Only local paths ("/…"), never another host, scheme or protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str) -> str:
    return target if is_safe_redirect(target) else default


def request_is_secure() -> bool:
    return request.is_secure
