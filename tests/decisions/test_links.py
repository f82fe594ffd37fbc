"""The decision page lists the feedback posts and pilots that led to it (owned by those features)."""

from intranet.extensions import db
from intranet.feedback.models import FeedbackPost
from intranet.pilots.models import Pilot


def test_decision_page_links_feedback_and_pilots_but_not_hidden_posts(client, login_as, org, make_decision):
    decision = make_decision()
    shown = FeedbackPost(
        kind="idea",
        title="Papierakten bremsen uns",
        author_id=org["staff"].id,
        linked_decision_id=decision.id,
    )
    hidden = FeedbackPost(
        kind="idea",
        title="Versteckter Beitrag",
        author_id=org["staff"].id,
        linked_decision_id=decision.id,
        is_hidden=True,
    )
    pilot = Pilot(
        title="E-Akte im Sachgebiet 32.1",
        goal="Erproben",
        unit_id=org["a32"].id,
        owner_id=org["leader"].id,
        created_by_id=org["leader"].id,
        result_decision_id=decision.id,
    )
    db.session.add_all([shown, hidden, pilot])
    db.session.commit()
    login_as(org["staff"])
    html = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "Was zu dieser Entscheidung geführt hat" in html
    assert f'href="/feedback/{shown.id}"' in html and "Papierakten bremsen uns" in html
    assert f'href="/pilotprojekte/{pilot.id}"' in html
    assert "Versteckter Beitrag" not in html
