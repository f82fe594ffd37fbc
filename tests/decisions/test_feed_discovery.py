"""Pages with a feed announce it; "Meine Daten" lists the person's keys with "Widerrufen"."""

import feedparser
from sqlalchemy import select

from intranet.decisions import tokens
from intranet.decisions.models import DecisionToken
from intranet.extensions import db


def test_register_and_timeline_announce_a_feed_that_parses(client, login_as, org, make_decision):
    make_decision(title="Feed für Łukasz und Ayşe")
    login_as(org["staff"])
    for page in ("/decisions/", "/decisions/timeline"):
        parsed = feedparser.parse(client.get(page).get_data(as_text=True))
        alternates = [
            link for link in parsed.feed.get("links", []) if link.get("type") == "application/atom+xml"
        ]
        assert alternates and alternates[0]["rel"] == "alternate", page
        assert alternates[0]["href"].endswith("/decisions/feed.atom")
        feed = feedparser.parse(client.get("/decisions/feed.atom").get_data())
        assert not feed.bozo, feed.get("bozo_exception")
        assert [entry.title for entry in feed.entries] == ["Feed für Łukasz und Ayşe (beschlossen)"]


def test_my_data_lists_active_keys_and_revokes_them(client, login_as, org):
    token, secret = tokens.create_token(org["staff"], "feed", "Thunderbird")
    old, _ = tokens.create_token(org["staff"], "feed", "Alter Reader")
    tokens.revoke_token(org["staff"], old)
    tokens.create_token(org["leader"], "feed", "Fremder Schlüssel")
    db.session.commit()
    login_as(org["staff"])
    html = client.get("/meine-daten").get_data(as_text=True)
    assert "Thunderbird" in html and f"{secret[:6]}…" in html
    assert "Alter Reader" not in html and "Fremder Schlüssel" not in html and secret not in html
    revoke = f"/decisions/tokens/{token.id}/revoke"
    assert f'action="{revoke}"' in html and "Widerrufen" in html
    assert client.post(revoke).status_code == 303
    assert db.session.scalar(select(DecisionToken.revoked_at).where(DecisionToken.id == token.id))
    assert "<td>Thunderbird</td>" not in client.get("/meine-daten").get_data(as_text=True)
    assert client.get(f"/decisions/feed/{secret}.atom").status_code == 401
