"""Fixtures of the feedback tests: the shared test administration plus enough people for k = 5."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from intranet.extensions import db
from intranet.feedback import mix, services
from intranet.feedback.services import PostDraft
from intranet.sqlite_setup import write_intent


def publish_anonymous() -> str:
    """Run the anonymity mix now, as its job would: queued anonymous actions appear."""
    db.session.commit()  # end the test's own transaction first (a live server may have written)
    with write_intent():
        result = mix.publish_queue(force=True)
        db.session.commit()
    return result


@dataclass
class Posters:
    """People who write on the board: `staff` in SG 32.1, `small` in SG 32.2, `author` = staff[0].

    With the shared org's own people SG 32.1 then has 7 active members (≥ k = 5), SG 32.2 has
    3 (< k) and Amt 32 has 11 in its subtree.
    """

    staff: list
    small: list

    @property
    def author(self):
        return self.staff[0]


@pytest.fixture
def people(org) -> Posters:
    """Six more people in SG 32.1 and two more in SG 32.2 (see Posters)."""
    return Posters(
        staff=org.crowd(6, "sg321", "Mitarbeiterin"), small=org.crowd(2, "sg322", "Kleine Einheit")
    )


def idea(title="Digitale Urlaubsanträge", body="Bitte Urlaubsanträge in der E-Akte.", **extra):
    return PostDraft(kind="idea", title=title, body=body, **extra)


def lesson(**extra):
    values = {
        "title": "Fristversäumnis durch Scan-Stau",
        "what_happened": "Post lag drei Tage.",
        "what_helped": "Kollegin hat nachgefragt.",
        "what_learned": "Eingang täglich prüfen.",
        "what_prevents": "Ein Scan-Plan.",
    }
    values.update(extra)
    return PostDraft(kind="lesson", **values)


@pytest.fixture
def make_post(app, people):
    """Create a committed post (named by default)."""
    from intranet.extensions import db

    def create(draft=None, author=None, anonymous=False):
        draft = draft or idea()
        if anonymous:
            post, _secret = services.create_anonymous_post(draft)
        else:
            post = services.create_named_post(author or people.author, draft)
        db.session.commit()
        return post

    return create
