"""A person with data in every category, for the purge and erasure tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intranet import clock
from intranet.audit.models import AuditEntry
from intranet.decisions import services as decisions
from intranet.decisions.models import DecisionAcknowledgement, DecisionFollow, DecisionQuestion
from intranet.decisions.tokens import create_token
from intranet.extensions import db
from intranet.feedback.models import FeedbackComment, FeedbackFollow, FeedbackPost, FeedbackSupport
from intranet.guides.models import Question, QuestionAnswer, QuestionFollow
from intranet.main.my_data import collect
from intranet.notify.models import Notification, OutgoingMail
from intranet.pilots import signups
from intranet.pilots.models import Pilot
from intranet.training import learning
from tests.decisions.conftest import decision_data
from tests.training.conftest import PathBuilder

NAME = "Erika Löschbar"
EMAIL = "erika.loeschbar@test.example"
IP = "198.51.100.77"
# Text only this person wrote or received: none of it may survive an erasure.
PRIVATE_TEXTS = (
    "Geheime Benachrichtigung für Erika",
    "Mailtext nur für Erika",
    "Private Frage zu meiner Gesundheit",
    "Motivation: ich will das unbedingt",
)


def pilot(owner, unit, status="open", ends_on=None, title=None) -> Pilot:
    item = Pilot(
        title=title or f"Pilot {status}",
        goal="Ziel",
        unit_id=unit.id,
        owner_id=owner.id,
        created_by_id=owner.id,
        capacity=5,
        status=status,
        ends_on=ends_on,
    )
    db.session.add(item)
    db.session.flush()
    return item


def export(user) -> dict[str, list[dict]]:
    """The person's "Meine Daten" sections (without the retention table, which is the same for all)."""
    return {
        str(section.title): section.rows
        for section in collect(user)
        if str(section.title) != "Wie lange Lotse Ihre Daten speichert"
    }


@pytest.fixture
def rich_person(org, factory):
    """Erika has something in every category; returns her and the objects around her."""
    person = factory.user(name=NAME, email=EMAIL, unit=org["sg321"], roles=[("guide", org["a32"])])
    admin = org.admin
    db.session.add_all(
        [
            AuditEntry(
                actor_id=person.id, action="login", object_type="User", object_id=person.id, ip_address=IP
            ),
            AuditEntry(
                actor_id=admin.id,
                action="user_updated",
                object_type="User",
                object_id=person.id,
                summary=NAME,
            ),
            Notification(user_id=person.id, kind="x", message=PRIVATE_TEXTS[0], url="/"),
            OutgoingMail(to_address=EMAIL, subject="Hallo", body=PRIVATE_TEXTS[1]),
        ]
    )
    private = Question(asker_id=person.id, unit_id=org["sg321"].id, title=PRIVATE_TEXTS[2], is_private=True)
    public = Question(asker_id=person.id, unit_id=org["sg321"].id, title="Wie scanne ich in die E-Akte?")
    others = Question(asker_id=org.staff.id, unit_id=org["sg321"].id, title="Frage von Sabine")
    db.session.add_all([private, public, others])
    db.session.flush()
    db.session.add_all(
        [
            QuestionAnswer(question_id=others.id, author_id=person.id, body="Antwort von Erika an Sabine"),
            QuestionFollow(question_id=others.id, user_id=person.id),
        ]
    )
    open_pilot = pilot(org.leader, org["a32"])
    done_pilot = pilot(org.leader, org["a32"], status="open", title="Pilot done")
    signups.sign_up(open_pilot, person, PRIVATE_TEXTS[3])
    signups.sign_up(done_pilot, person, "Motivation für den beendeten Piloten")
    done_pilot.status = "done"
    path = PathBuilder().path(author=org.guide)
    learning.enrol(person, path)
    post = FeedbackPost(
        kind="idea", title="Benannter Beitrag von Erika", author_id=person.id, created_on=date.today()
    )
    other_post = FeedbackPost(
        kind="idea", title="Beitrag von Otto", author_id=org.other_staff.id, support_count=1
    )
    db.session.add_all([post, other_post])
    db.session.flush()
    db.session.add_all(
        [
            FeedbackSupport(post_id=other_post.id, user_id=person.id),
            FeedbackFollow(post_id=other_post.id, user_id=person.id),
            FeedbackComment(
                post_id=other_post.id, position=1, body="Kommentar von Erika", author_id=person.id
            ),
        ]
    )
    other_post.comment_count = 1
    decision = decisions.create_decision(org.leader, decision_data(org["d2"], [org["a32"]]))
    decisions.publish_decision(org.leader, decision)
    db.session.flush()
    db.session.add_all(
        [
            DecisionFollow(decision_id=decision.id, user_id=person.id),
            DecisionAcknowledgement(decision_id=decision.id, user_id=person.id, revision_number=1),
            DecisionQuestion(decision_id=decision.id, asker_id=person.id, body="Rückfrage von Erika"),
        ]
    )
    create_token(person, "feed", "Feedreader")  # the keys section of „Meine Daten“
    db.session.commit()
    return {
        "person": person,
        "post": post,
        "other_post": other_post,
        "open_pilot": open_pilot,
        "done_pilot": done_pilot,
        "path": path,
        "decision": decision,
        "public_question": public,
        "private_question": private,
    }


def at(days_ago: int):
    return clock.now() - timedelta(days=days_ago)


def rows_of(model, **where):
    return db.session.scalars(select(model).filter_by(**where)).all()
