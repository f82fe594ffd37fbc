"""What led to a decision: feedback posts and pilots that point to it.

Those features own the links (`FeedbackPost.linked_decision_id`, `Pilot.result_decision_id`);
we only read them, and only when the feature is installed (its models are loaded).
"""

from __future__ import annotations

import sys

from flask import url_for
from sqlalchemy import select
from werkzeug.routing import BuildError

from intranet.extensions import db

# module, class, column pointing to decision.id, endpoint, id argument, filter for hidden items
SOURCES = (
    (
        "feedback",
        "intranet.feedback.models",
        "FeedbackPost",
        "linked_decision_id",
        "feedback.show",
        "post_id",
    ),
    ("pilots", "intranet.pilots.models", "Pilot", "result_decision_id", "pilots.detail", "pilot_id"),
)


def linked_items(decision) -> dict[str, list[tuple[str, str]]]:
    """(title, url) pairs per source; one query per installed source."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key, module_name, class_name, column, endpoint, argument in SOURCES:
        model = getattr(sys.modules.get(module_name), class_name, None)
        if model is None or not hasattr(model, column):
            continue
        query = select(model).where(getattr(model, column) == decision.id).order_by(model.id)
        if hasattr(model, "is_hidden"):
            query = query.where(model.is_hidden.is_(False))
        items = db.session.scalars(query.limit(50)).all()
        found[key] = [(item.title, _url(endpoint, argument, item.id)) for item in items]
    return found


def _url(endpoint: str, argument: str, item_id: int) -> str | None:
    try:
        return url_for(endpoint, **{argument: item_id})
    except BuildError:  # the feature's page is not there (yet): show the title only
        return None
