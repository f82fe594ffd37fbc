"""Language and time zone selection: German first, English second."""

import flask_wtf.i18n as flask_wtf_i18n
from babel import support
from flask import current_app, has_request_context, session
from flask_babel import get_locale
from flask_login import current_user
from wtforms.i18n import messages_path


def select_locale() -> str:
    supported = current_app.config["LOTSE_LOCALES"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    # Jobs and services outside a request render lazy strings too (no session there).
    chosen = session.get("locale") if has_request_context() else None
    if chosen in supported:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app, babel) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )


_wtforms_catalogs: dict[str, support.Translations] = {}


def _wtforms_translations():
    """WTForms' own messages in the request's language, parsed once per process.

    Flask-WTF parses the WTForms catalog again on every request (it caches per request
    only); that was about a tenth of the time of a small page.
    """
    if not has_request_context() or "babel" not in current_app.extensions:
        return None
    locale = str(get_locale())
    if locale not in _wtforms_catalogs:
        _wtforms_catalogs[locale] = support.Translations.load(messages_path(), [locale], domain="wtforms")
    return _wtforms_catalogs[locale]


flask_wtf_i18n._get_translations = _wtforms_translations
