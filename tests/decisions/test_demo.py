"""The demo seed: ~25 realistic decisions in every status, with a supersession chain."""

from sqlalchemy import func, select

from intranet.decisions import demo
from intranet.decisions.models import STATUSES, Decision, DecisionQuestion, DecisionRevision
from intranet.demo import org
from intranet.extensions import db


def test_demo_seed_covers_every_status_and_is_idempotent(app):
    org.seed()
    assert demo.seed() == "25 Entscheidungen angelegt."
    db.session.commit()
    statuses = dict(
        db.session.execute(select(Decision.status, func.count(Decision.id)).group_by(Decision.status)).all()
    )
    assert set(statuses) == set(STATUSES)
    chain = db.session.scalar(select(Decision).where(Decision.title == "Homeoffice-Regelung 2024"))
    assert chain.superseded_by.superseded_by.title == "Mobiles Arbeiten: Dienstvereinbarung 2026"
    edits = db.session.scalar(select(func.count(DecisionRevision.id)).where(DecisionRevision.kind == "edit"))
    assert edits >= 3
    assert db.session.scalar(select(func.count(DecisionQuestion.id))) >= 10
    assert demo.seed().endswith("übersprungen.")
    assert db.session.scalar(select(func.count(Decision.id))) == 25
