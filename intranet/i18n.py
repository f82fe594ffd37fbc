"""Language and time zone selection: German first, English second."""

from flask import current_app, has_request_context, session
from flask_login import current_user


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
