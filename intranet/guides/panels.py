"""Home panel: my open questions and, for guides, the inbox count."""

from sqlalchemy import select

from intranet import permissions
from intranet.extensions import db
from intranet.guides.models import SOLVED, Question
from intranet.guides.queries import inbox_count


def home_panel(user):
    questions = db.session.scalars(
        select(Question)
        .where(Question.asker_id == user.id, Question.status != SOLVED)
        .order_by(Question.updated_at.desc())
        .limit(5)
    ).all()
    count = inbox_count(user) if permissions.can_use_guide_inbox(user) else None
    return {"questions": questions, "inbox_count": count}
