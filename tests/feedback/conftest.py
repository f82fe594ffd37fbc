"""Fixtures of the feedback tests: a small administration with enough people for k = 5."""

from __future__ import annotations

import pytest

from intranet.feedback import services
from intranet.feedback.services import PostDraft


@pytest.fixture
def org(factory):
    """Amt 32 has 6 people in SG 32.1 (≥ k) and 2 in SG 32.2 (< k); a leader for Dezernat 2."""
    tree = factory.tree()
    staff = [factory.user(name=f"Mitarbeiterin {index}", unit=tree["sg321"]) for index in range(6)]
    small = [factory.user(name=f"Kleine Einheit {index}", unit=tree["sg322"]) for index in range(2)]
    leader = factory.user(name="Leitung Zwei", unit=tree["d2"], roles=[("leadership", tree["d2"])])
    other_leader = factory.user(name="Leitung Eins", unit=tree["d1"], roles=[("leadership", tree["d1"])])
    admin = factory.user(name="Admin Person", unit=tree["a10"], roles=["admin"])
    return {
        "tree": tree,
        "staff": staff,
        "small": small,
        "leader": leader,
        "other_leader": other_leader,
        "admin": admin,
        "author": staff[0],
    }


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
def make_post(app, org):
    """Create a committed post (named by default)."""
    from intranet.extensions import db

    def create(draft=None, author=None, anonymous=False):
        draft = draft or idea()
        if anonymous:
            post, _secret = services.create_anonymous_post(draft)
        else:
            post = services.create_named_post(author or org["author"], draft)
        db.session.commit()
        return post

    return create
