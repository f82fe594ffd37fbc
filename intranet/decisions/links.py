"""What led to a decision: the objects of other features that point to it.

Those features own the links (e.g. `FeedbackPost.linked_decision_id`, `Pilot.result_decision_id`)
and declare them as `LinkSource(target="decision", …)` in their `feature.py`; we only read them.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from intranet import features
from intranet.extensions import db


def linked_items(decision) -> list[tuple[object, list[tuple[str, str]]]]:
    """(heading, [(title, url), …]) per link source that has items; one query per source."""
    found = []
    for source in features.link_sources("decision"):
        model = source.model
        query = select(model).where(getattr(model, source.column) == decision.id).order_by(model.id)
        if source.hidden:
            query = query.where(getattr(model, source.hidden).is_(False))
        items = db.session.scalars(query.limit(50)).all()
        if items:
            found.append(
                (
                    source.label,
                    [(item.title, url_for(source.endpoint, **{source.argument: item.id})) for item in items],
                )
            )
    return found
