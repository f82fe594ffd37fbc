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


def tokens_section(user) -> MyDataSection:
    """The person's active feed/calendar and API keys, each with "Widerrufen"."""
    from intranet import urls
    from intranet.decisions.tokens import active_tokens
    from intranet.main.my_data import when

    kinds = {"feed": _l("Feed und Kalender"), "api": _l("Programmierschnittstelle (API)")}
    active = active_tokens(user)
    rows = [
        {
            str(_l("Bezeichnung")): token.label,
            str(_l("Art")): str(kinds.get(token.kind, token.kind)),
            str(_l("Beginnt mit")): f"{token.hint}…",
            str(_l("Erstellt")): when(token.created_at),
            str(_l("Zuletzt benutzt")): when(token.last_used_at),
        }
        for token in active
    ]
    return MyDataSection(
        _l("Zugangsschlüssel für Feeds, Kalender und API"),
        _l("Nur Sie. Lotse speichert nur einen Fingerabdruck des Schlüssels, nicht den Schlüssel selbst."),
        rows,
        actions=[(_l("Widerrufen"), urls.path_for("decisions.revoke_token", token_id=t.id)) for t in active],
    )
