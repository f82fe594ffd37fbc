"""Home panel: new decisions for my unit, and those I still have to acknowledge."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from intranet import clock
from intranet.decisions.engagement import pending_acknowledgement_query
from intranet.decisions.models import Decision
from intranet.decisions.queries import affecting, published
from intranet.extensions import db
from intranet.org.services import org_tree


def home_panel(user):
    """At most 5 of each, in three queries (org tree, recent, pending)."""
    ancestors = [unit.id for unit in org_tree().ancestors(user.unit_id)]
    recent = db.session.scalars(
        published(select(Decision))
        .where(affecting(ancestors), Decision.published_at >= clock.now() - timedelta(days=30))
        .order_by(Decision.published_at.desc(), Decision.id.desc())
        .limit(5)
    ).all()
    pending = db.session.scalars(pending_acknowledgement_query(user).limit(5)).all()
    return {"recent": recent, "pending": pending}
