"""The board through HTTP: forms, htmx partials, bad input, status and moderation pages."""

import pytest
from sqlalchemy import func, select

from intranet.extensions import db
from intranet.feedback import moderation, queries, services
from intranet.feedback.models import FeedbackComment, FeedbackPost
from tests.feedback.conftest import idea, lesson, publish_anonymous

HTMX = {"HX-Request": "true"}


def _form(kind="idea", **extra):
    data = {
        "kind": kind,
        "title": "Mehr Videokonferenzräume",
        "identity": "named",
        "unit_id": "0",
        "topic_id": "0",
        "body": "Wir brauchen **mehr** Räume.",
    }
    data.update(extra)
    return data


def test_board_lists_posts_and_filters(client, login_as, org, make_post, people):
    make_post(idea(title="Idee Eins"))
    make_post(lesson(title="Lernerfahrung Zwei"))
    hidden = make_post(idea(title="Versteckte Idee"))
    moderation.hide_post(org.admin, hidden, "Regelverstoß")
    db.session.commit()
    login_as(people.staff[1])
    page = client.get("/feedback/").get_data(as_text=True)
    assert "Idee Eins" in page and "Lernerfahrung Zwei" in page
    assert "Versteckte Idee" not in page
    filtered = client.get("/feedback/?kind=lesson", headers={**HTMX, "HX-Target": "feedback-results"})
    text = filtered.get_data(as_text=True)
    assert "Lernerfahrung Zwei" in text and "Idee Eins" not in text
    assert "<html" not in text  # only the partial


def test_my_posts_are_only_named_ones(client, login_as, make_post, people):
    make_post(idea(title="Meine benannte Idee"))
    make_post(idea(title="Meine anonyme Idee"), anonymous=True)
    make_post(idea(title="Fremde Idee"), author=people.staff[2])
    login_as(people.author)
    text = client.get("/feedback/?mine=y").get_data(as_text=True)
    assert "Meine benannte Idee" in text
    assert "Meine anonyme Idee" not in text and "Fremde Idee" not in text


def test_board_survives_garbage_filters(client, login_as, make_post, people):
    make_post()
    login_as(people.staff[1])
    response = client.get("/feedback/?kind=x&status=<b>&unit=abc&topic=-1&sort=zzz&page=999")
    assert response.status_code == 200


def test_moderator_sees_hidden_post_on_board(client, login_as, org, make_post):
    hidden = make_post(idea(title="Versteckte Idee"))
    moderation.hide_post(org.admin, hidden, "Regelverstoß")
    db.session.commit()
    login_as(org.admin)
    assert "Versteckte Idee" in client.get("/feedback/").get_data(as_text=True)


def test_sort_by_support(client, login_as, make_post, people):
    quiet = make_post(idea(title="Leise Idee"))
    loud = make_post(idea(title="Laute Idee"))
    for person in people.staff[1:4]:
        services.support(person, loud)
    db.session.commit()
    login_as(people.staff[1])
    text = client.get("/feedback/?sort=support").get_data(as_text=True)
    assert text.index("Laute Idee") < text.index("Leise Idee")
    assert quiet.support_count == 0


@pytest.mark.parametrize("kind", ["lesson", "idea", "concern", "praise"])
def test_each_kind_form_shows_errors_and_keeps_input(client, login_as, kind, people):
    login_as(people.author)
    assert client.get(f"/feedback/neu?art={kind}").status_code == 200
    response = client.post(
        "/feedback/neu",
        data=_form(kind, title="Meine Überschrift", body="", what_happened="", what_learned=""),
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte füllen Sie dieses Feld aus." in text
    assert 'value="Meine Überschrift"' in text
    assert 'aria-invalid="true"' in text
    assert db.session.scalar(select(func.count(FeedbackPost.id))) == 0


def test_kind_chooser_without_kind(client, login_as, people):
    login_as(people.author)
    text = client.get("/feedback/neu").get_data(as_text=True)
    assert "Lernerfahrung / Fehler" in text and "Sorge / Frage" in text


def test_fifty_thousand_characters_are_a_field_error(client, login_as, people):
    login_as(people.author)
    response = client.post("/feedback/neu", data=_form(body="ä" * 50_000))
    assert response.status_code == 422
    assert "Höchstens 10.000 Zeichen." in response.get_data(as_text=True)


def test_named_post_redirects_to_post(client, login_as, people):
    login_as(people.author)
    response = client.post("/feedback/neu", data=_form())
    assert response.status_code == 303
    post = db.session.scalar(select(FeedbackPost))
    assert response.headers["Location"].endswith(f"/feedback/{post.id}")
    assert post.author_id == people.author.id
    page = client.get(f"/feedback/{post.id}").get_data(as_text=True)
    assert "<strong>mehr</strong>" in page and people.author.name in page


def test_anonymous_post_shows_secret_once_and_link_opens_it(client, login_as, people):
    login_as(people.author)
    response = client.post("/feedback/neu", data=_form(identity="anonymous"))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert db.session.scalar(select(FeedbackPost)) is None  # queued, not yet published
    publish_anonymous()
    post = db.session.scalar(select(FeedbackPost))
    assert post.author_id is None
    secret = text.split('<code id="secret-code">')[1].split("</code>")[0]
    assert services.post_for_secret(secret) == post
    assert secret not in client.get(f"/feedback/{post.id}").get_data(as_text=True)
    opened = client.post("/feedback/anonym", data={"secret": secret})
    assert opened.status_code == 200 and post.title in opened.get_data(as_text=True)
    reply = client.post("/feedback/anonym", data={"secret": secret, "body": "Danke für die Antwort"})
    assert reply.status_code == 200
    publish_anonymous()
    comment = db.session.scalar(select(FeedbackComment))
    assert comment.is_from_post_author and comment.author_id is None


def test_anonymous_post_to_small_unit_is_refused_with_parent(client, login_as, org, people):
    login_as(people.small[0])
    response = client.post("/feedback/neu", data=_form(identity="anonymous", unit_id=str(org["sg322"].id)))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Amt 32" in text and "weniger als 5" in text
    assert f'<option selected value="{org["a32"].id}">' in text  # the parent is offered
    assert db.session.scalar(select(func.count(FeedbackPost.id))) == 0


def test_forged_secret_is_a_field_error(client, login_as, people):
    login_as(people.author)
    response = client.post("/feedback/anonym", data={"secret": "ausgedacht"})
    assert response.status_code == 422
    assert "nicht gültig" in response.get_data(as_text=True)
    assert client.post("/feedback/anonym", data={}).status_code == 422


def test_support_toggle_via_htmx_announces_count(client, login_as, make_post, people):
    post = make_post()
    login_as(people.staff[1])
    headers = {**HTMX, "HX-Target": f"support-{post.id}"}
    response = client.post(
        "/feedback/unterstuetzen", data={"post_id": post.id, "action": "support"}, headers=headers
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'aria-pressed="true"' in text
    assert 'id="flash-region"' in text and "1 Person" in text
    twice = client.post(
        "/feedback/unterstuetzen", data={"post_id": post.id, "action": "support"}, headers=headers
    )
    assert twice.status_code == 422 and "schon" in twice.get_data(as_text=True)
    withdrawn = client.post(
        "/feedback/unterstuetzen", data={"post_id": post.id, "action": "withdraw"}, headers=headers
    )
    assert 'aria-pressed="false"' in withdrawn.get_data(as_text=True)
    db.session.refresh(post)
    assert post.support_count == 0


def test_anonymous_support_once_per_person(client, login_as, make_post, people):
    post = make_post(anonymous=True)
    login_as(people.staff[1])
    data = {"post_id": post.id, "action": "anonymous"}
    assert client.post("/feedback/unterstuetzen", data=data).status_code == 303
    assert client.post("/feedback/unterstuetzen", data=data).status_code == 303
    named = client.post("/feedback/unterstuetzen", data={"post_id": post.id, "action": "support"})
    assert named.status_code == 303
    publish_anonymous()
    db.session.refresh(post)
    assert (post.support_count, post.anonymous_support_count) == (1, 1)


def test_support_with_bad_ids_is_404(client, login_as, people):
    login_as(people.staff[1])
    for value in ("", "abc", "-5", "99999999", str(2**31), str(2**40), str(2**70)):
        response = client.post("/feedback/unterstuetzen", data={"post_id": value, "action": "x"})
        assert response.status_code == 404
    for path in (f"/feedback/{2**31}", f"/feedback/{2**40}/status", f"/feedback/{2**33}/melden"):
        assert client.get(path).status_code == 404


def test_garbage_in_the_post_form_gives_german_field_errors(client, login_as, people):
    login_as(people.author)
    response = client.post(
        "/feedback/neu",
        data={
            "kind": "idea",
            "title": "T" * 151,
            "body": "B",
            "identity": "beides",
            "unit_id": "abc",
            "topic_id": "999999",
        },
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Höchstens 150 Zeichen." in text and "Keine gültige Auswahl." in text
    unknown_kind = client.post("/feedback/neu", data={"kind": "rant", "title": "x"})
    assert unknown_kind.status_code == 200 and "Was möchten Sie teilen?" in unknown_kind.get_data(
        as_text=True
    )


def test_comment_via_htmx_and_plain(client, login_as, make_post, people):
    post = make_post()
    login_as(people.staff[1])
    response = client.post(
        "/feedback/kommentieren",
        data={"post_id": post.id, "body": "Sehe ich auch so"},
        headers={**HTMX, "HX-Target": "comments"},
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Sehe ich auch so" in text and "<html" not in text
    assert "data-focus-after-swap" in text
    plain = client.post(
        "/feedback/kommentieren", data={"post_id": post.id, "body": "Anonym gesagt", "anonymous": "y"}
    )
    assert plain.status_code == 303
    publish_anonymous()
    comments = list(db.session.scalars(select(FeedbackComment).order_by(FeedbackComment.position)))
    assert [c.author_id for c in comments] == [people.staff[1].id, None]


def test_empty_comment_and_comment_on_hidden_post(client, login_as, org, make_post, people):
    post = make_post()
    login_as(people.staff[1])
    empty = client.post("/feedback/kommentieren", data={"post_id": post.id, "body": " "})
    assert empty.status_code == 422 and "Bitte füllen Sie" in empty.get_data(as_text=True)
    moderation.hide_post(org.admin, post, "Regelverstoß")
    db.session.commit()
    hidden = client.post("/feedback/kommentieren", data={"post_id": post.id, "body": "Trotzdem"})
    assert hidden.status_code == 422
    assert db.session.scalar(select(func.count(FeedbackComment.id))) == 0


def test_hidden_post_shows_tombstone_to_staff_content_to_moderators(client, login_as, org, make_post, people):
    post = make_post(idea(title="Geheimer Inhalt", body="Der Text"))
    moderation.hide_post(org.admin, post, "Nennt Namen")
    db.session.commit()
    login_as(people.staff[1])
    text = client.get(f"/feedback/{post.id}").get_data(as_text=True)
    assert "Nennt Namen" in text and "Geheimer Inhalt" not in text
    login_as(org.admin)
    assert "Geheimer Inhalt" in client.get(f"/feedback/{post.id}").get_data(as_text=True)


def test_status_change_requires_reason_then_notifies(client, login_as, org, make_post, people):
    post = make_post(idea(unit_id=org["sg321"].id))
    services.support(people.staff[2], post)
    db.session.commit()
    login_as(org.leader)
    assert client.get(f"/feedback/{post.id}/status").status_code == 200
    missing = client.post(f"/feedback/{post.id}/status", data={"status": "declined", "answer": ""})
    assert missing.status_code == 422 and "begründen" in missing.get_data(as_text=True)
    done = client.post(
        f"/feedback/{post.id}/status", data={"status": "done", "answer": "Ab 1. März umgesetzt."}
    )
    assert done.status_code == 303
    db.session.refresh(post)
    assert post.status == "done"
    text = client.get(f"/feedback/{post.id}").get_data(as_text=True)
    assert "Ab 1. März umgesetzt." in text


def test_invalid_status_value(client, login_as, org, make_post):
    post = make_post()
    login_as(org.admin)
    response = client.post(f"/feedback/{post.id}/status", data={"status": "kaputt", "answer": ""})
    assert response.status_code == 422


def test_link_rejects_unknown_then_links_pilot(client, login_as, org, make_post):
    from intranet.pilots.models import Pilot

    post = make_post()
    pilot = Pilot(
        title="Pilot E-Rechnung",
        goal="Schneller zahlen",
        unit_id=org["a32"].id,
        owner_id=org.leader.id,
        created_by_id=org.leader.id,
    )
    db.session.add(pilot)
    db.session.commit()
    login_as(org.admin)
    unknown = client.post(f"/feedback/{post.id}/verknuepfen", data={"decision_id": "4711"})
    assert unknown.status_code == 422 and "Entscheidung mit dieser Nummer" in unknown.get_data(as_text=True)
    bad_pilot = client.post(f"/feedback/{post.id}/verknuepfen", data={"pilot_id": "4711"})
    assert bad_pilot.status_code == 422
    linked = client.post(f"/feedback/{post.id}/verknuepfen", data={"pilot_id": str(pilot.id)})
    assert linked.status_code == 303
    page = client.get(f"/feedback/{post.id}").get_data(as_text=True)
    assert "Ihr habt gesagt – wir haben gehandelt" in page and "Pilot E-Rechnung" in page
    unlink = client.post(f"/feedback/{post.id}/verknuepfen", data={"pilot_id": ""})
    assert unlink.status_code == 303
    db.session.refresh(post)
    assert post.linked_pilot_id is None


def test_report_and_moderation_queue(client, login_as, org, make_post, people):
    post = make_post(idea(title="Gemeldete Idee"))
    login_as(people.staff[1])
    empty = client.post(f"/feedback/{post.id}/melden", data={"reason": ""})
    assert empty.status_code == 422
    assert client.post(f"/feedback/{post.id}/melden", data={"reason": "Unsachlich"}).status_code == 303
    login_as(org.admin)
    queue = client.get("/feedback/moderation").get_data(as_text=True)
    assert "Gemeldete Idee" in queue and "Unsachlich" in queue
    no_reason = client.post(f"/feedback/{post.id}/ausblenden", data={"reason": ""})
    assert no_reason.status_code == 422
    assert client.post(f"/feedback/{post.id}/ausblenden", data={"reason": "Unsachlich"}).status_code == 303
    assert client.post(f"/feedback/{post.id}/einblenden").status_code == 303
    db.session.refresh(post)
    assert not post.is_hidden


def test_follow_toggle(client, login_as, make_post, people):
    post = make_post()
    login_as(people.staff[1])
    client.post(f"/feedback/{post.id}/folgen")
    assert queries.is_following(people.staff[1], post)
    client.post(f"/feedback/{post.id}/folgen")
    assert not queries.is_following(people.staff[1], post)
