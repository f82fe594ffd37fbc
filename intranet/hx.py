"""htmx helpers: one URL, two renderings; client redirects; out-of-band flash messages."""

from __future__ import annotations

from flask import get_flashed_messages, make_response, redirect, render_template, request
from markupsafe import Markup

from intranet.extensions import htmx


def wants_partial(target_id: str) -> bool:
    """True only when htmx targets this region; boosted navigation always gets the page."""
    return bool(htmx) and not htmx.boosted and htmx.target == target_id


def render_page_or_partial(page_template: str, partial_template: str, target_id: str, **context):
    template = partial_template if wants_partial(target_id) else page_template
    return render_template(template, **context)


def redirect_after_post(url: str):
    """303 after a successful POST; htmx (non-boosted) gets a full client-side redirect."""
    if htmx and not htmx.boosted:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


def _flash_fragment() -> str:
    messages = get_flashed_messages(with_categories=True)
    if not messages:
        return ""
    html = render_template("_macros/_flash_messages.html", messages=messages)
    return f'<div id="flash-region" data-hx-swap-oob="innerHTML">{html}</div>'


def init_app(app) -> None:
    @app.after_request
    def _append_oob_flash(response):
        # A partial response cannot carry the page's flash area, so pending messages
        # ride along out of band into the live region that the base layout always has.
        if (
            htmx
            and not htmx.boosted
            and response.mimetype == "text/html"
            and not response.direct_passthrough
            and request.method != "HEAD"
            and response.status_code != 204
        ):
            fragment = _flash_fragment()
            if fragment:
                response.set_data(response.get_data(as_text=True) + fragment)
        return response

    app.jinja_env.globals["htmx_request"] = lambda: bool(htmx)
    app.jinja_env.globals["Markup"] = Markup
