"""Queries per page stay the same at 1× and 10× data (inbox, detail, directory, FAQ …)."""

import pytest

from intranet.extensions import db
from intranet.guides import services

PAGES = [
    "/guides/",
    "/guides/directory",
    "/guides/directory?view=topics",
    "/guides/faq",
    "/guides/faq?q=frage",
    "/guides/inbox",
    "/guides/inbox?filter=all",
    "/guides/suggestions?title=frage",
    "/guides/coverage",
    "/guides/question",
    "/",
]


def add_data(org, factory, scale):
    topic = factory.topic()
    for index in range(scale):
        unit = factory.unit(f"Team {scale}-{index}", org["sg321"], "team")
        guide = factory.user(unit=unit, roles=[("guide", unit)])
        services.save_profile(guide, index % 2 == 0, org.guide.id, [topic.id], "Hinweis")
        for number in range(3):
            question = services.ask(
                org.staff,
                f"Frage {scale}-{index}-{number}",
                "Text",
                topic.id if number else None,
                number == 2,
            )
            services.claim(question, org.guide)
            services.answer(question, org.guide, "Antwort eins")
            services.reply(question, org.staff, "Danke, aber noch eine Frage")
            services.answer(question, org.guide, "Antwort zwei")
            if number == 1:
                public = question
    db.session.commit()
    return public


def count_for(client, count_queries, path):
    client.get(path)  # warm up (first-request work such as the locale catalog)
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    return counter.count


@pytest.mark.parametrize("user_name", ["staff", "guide", "admin"])
def test_queries_do_not_grow_with_data(org, factory, client, login_as, count_queries, user_name):
    login_as(getattr(org, user_name))
    small = add_data(org, factory, 1)
    pages = [p.replace("/guides/question", f"/guides/questions/{small.id}") for p in PAGES]
    allowed = {"staff": ("inbox", "coverage"), "guide": ("coverage",), "admin": ()}[user_name]
    before = {p: count_for(client, count_queries, p) for p in pages if not any(word in p for word in allowed)}
    big = add_data(org, factory, 10)
    after = {
        p.replace(f"/guides/questions/{small.id}", f"/guides/questions/{big.id}"): count_for(
            client, count_queries, p.replace(f"/guides/questions/{small.id}", f"/guides/questions/{big.id}")
        )
        for p in before
    }
    assert list(after.values()) == list(before.values()), (before, after)
    assert max(before.values()) <= 16, before
