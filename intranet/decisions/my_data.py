"""„Meine Daten“: decisions the person follows, asked about or acknowledged."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from intranet.decisions.models import DecisionAcknowledgement, DecisionFollow, DecisionQuestion
from intranet.extensions import db
from intranet.main.my_data import MyDataSection


def section(user) -> MyDataSection:
    follows = db.session.scalars(
        select(DecisionFollow).where(DecisionFollow.user_id == user.id).limit(500)
    ).all()
    questions = db.session.scalars(
        select(DecisionQuestion)
        .options(joinedload(DecisionQuestion.decision))
        .where(DecisionQuestion.asker_id == user.id)
        .limit(500)
    ).all()
    acks = db.session.scalars(
        select(DecisionAcknowledgement).where(DecisionAcknowledgement.user_id == user.id).limit(500)
    ).all()
    kind, text, when = str(_l("Art")), str(_l("Text")), str(_l("Zeit"))
    rows = [
        {kind: str(_l("Folgen")), when: format_datetime(f.created_at, "short"), text: f"#{f.decision_id}"}
        for f in follows
    ]
    rows += [
        {
            kind: str(_l("Frage")),
            when: format_datetime(q.created_at, "short"),
            text: f"{q.decision.title}: {q.body[:200]}",
        }
        for q in questions
    ]
    rows += [
        {
            kind: str(_l("zur Kenntnis genommen")),
            when: format_datetime(a.acknowledged_at, "short"),
            text: f"#{a.decision_id}",
        }
        for a in acks
    ]
    return MyDataSection(
        _l("Entscheidungen"),
        _l(
            "Fragen mit Ihrem Namen: alle, die die Entscheidung sehen; Folgen und Kenntnisnahmen: "
            "nur Sie – die Leitung sieht nur Summen je Einheit."
        ),
        rows,
    )
