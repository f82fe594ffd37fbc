"""Jinja globals and filters shared by every template."""

from flask import request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from intranet import charts, features, permissions
from intranet.markdown import render_markdown


def page_url(page: int) -> str:
    """The current URL with another page number, keeping every filter."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def _unread_notifications() -> int:
    from intranet.notify.services import unread_count

    return unread_count(current_user) if current_user.is_authenticated else 0


def icon(name: str, css_class: str = "") -> Markup:
    """An icon from the Lucide sprite; decorative (the text next to it carries the meaning)."""
    sprite = url_for("static", filename="vendor/lucide/sprite.svg")
    return Markup(
        '<svg class="icon {css}" aria-hidden="true" focusable="false">'
        '<use href="{sprite}#{name}"></use></svg>'
    ).format(css=css_class, sprite=sprite, name=name)


def _page_nav():
    """The navigation entry of the current page's pillar (icon and colour of its headings)."""
    return features.nav_for_endpoint(request.endpoint) if request else None


def init_app(app) -> None:
    app.jinja_env.filters["md"] = render_markdown
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.globals.update(
        perm=permissions,
        page_url=page_url,
        current_locale=lambda: str(get_locale()),
        unread_notifications=_unread_notifications,
        csrf_token=generate_csrf,
        nav_entries=features.nav_entries(),
        icon=icon,
        charts=charts,
        page_nav=_page_nav,
        nav_of=lambda name: getattr(features.get(name), "nav", None) if name in features.FEATURES else None,
        feature_stylesheets=features.stylesheets(),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
