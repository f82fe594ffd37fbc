"""Queries per page stay the same at 1× and 10× data (inbox, detail, directory, FAQ …)."""

import pytest

from intranet.extensions import db
from intranet.guides import services

PAGES = [
    "/lotsen/",
    "/lotsen/verzeichnis",
    "/lotsen/verzeichnis?view=topics",
    "/lotsen/faq",
    "/lotsen/faq?q=frage",
    "/lotsen/posteingang",
    "/lotsen/posteingang?filter=all",
    "/lotsen/vorschlaege?title=frage",
    "/lotsen/abdeckung",
    "/lotsen/fragen/QUESTION",
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
    pages = [p.replace("/lotsen/fragen/QUESTION", f"/lotsen/fragen/{small.id}") for p in PAGES]
    allowed = {"staff": ("posteingang", "abdeckung"), "guide": ("abdeckung",), "admin": ()}[user_name]
    before = {p: count_for(client, count_queries, p) for p in pages if not any(word in p for word in allowed)}
    big = add_data(org, factory, 10)
    after = {
        p.replace(f"/lotsen/fragen/{small.id}", f"/lotsen/fragen/{big.id}"): count_for(
            client, count_queries, p.replace(f"/lotsen/fragen/{small.id}", f"/lotsen/fragen/{big.id}")
        )
        for p in before
    }
    assert list(after.values()) == list(before.values()), (before, after)
    assert max(before.values()) <= 20, before  # the home page carries the "Zu erledigen" strip too
