"""The guides' inbox: the list with its filters, the count and the header badge."""

from flask import render_template, request
from flask_login import current_user

from intranet import permissions as perm
from intranet.guides import queries
from intranet.guides.views import bp
from intranet.hx import render_page_or_partial
from intranet.paging import paginate


@bp.get("/posteingang")
def inbox():
    perm.require(perm.can_use_guide_inbox(current_user))
    which = request.args.get("filter", "open")
    which = which if which in queries.INBOX_FILTERS else "open"
    return render_page_or_partial(
        "guides/inbox.html",
        "guides/partials/_inbox_results.html",
        "inbox-results",
        page=paginate(queries.inbox_query(current_user, which)),
        which=which,
        filters=queries.INBOX_FILTERS,
    )


@bp.get("/posteingang/anzahl")
def inbox_count():
    perm.require(perm.can_use_guide_inbox(current_user))
    return render_template("guides/partials/_inbox_count.html", count=queries.inbox_count(current_user))


@bp.get("/posteingang/kennzahl")
def inbox_badge():
    perm.require(perm.can_use_guide_inbox(current_user))
    return render_template("guides/partials/_inbox_badge.html", count=queries.inbox_count(current_user))
