"""Whom to ask: "Meine Ansprechpersonen" (with my questions) and the guide directory."""

from flask import render_template, request
from flask_login import current_user

from intranet.guides import queries, routing
from intranet.guides.views import bp
from intranet.paging import paginate


@bp.get("/")
def index():
    """ "Meine Ansprechpersonen" and my own questions."""
    return render_template(
        "guides/index.html",
        chain=routing.contact_chain(current_user.unit_id),
        gm=routing.guide_map(),
        page=paginate(queries.my_questions_query(current_user)),
    )


@bp.get("/verzeichnis")
def directory():
    by_topic = request.args.get("view") == "topics"
    return render_template(
        "guides/directory.html",
        by_topic=by_topic,
        gm=routing.guide_map(),
        topics=queries.topic_directory() if by_topic else [],
    )
