"""The pilot pages through the app: plain and htmx, errors keep input, counts and files."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from intranet import clock
from intranet.extensions import db
from intranet.notify.models import Notification
from intranet.pilots import queries, services, signups
from intranet.pilots.models import Pilot, PilotSignup
from tests.charts_check import check_charts

HTMX_SIGNUP = {"HX-Request": "true", "HX-Target": "signup-region"}


def test_list_shows_places_and_filters(client, org, login_as, make_pilot):
    tree = org.tree
    full = make_pilot(title="E-Akte im Bürgerbüro", capacity=15, unit=tree["a32"])
    full.confirmed_count = 12
    make_pilot(title="Videosprechstunde", status="planned", unit=tree["a10"])
    db.session.commit()
    login_as(org.staff)
    page = client.get("/pilotprojekte/").get_data(as_text=True)
    assert "12 von 15 Plätzen belegt" in page
    assert "Videosprechstunde" in page
    only_open = client.get("/pilotprojekte/?open_only=y").get_data(as_text=True)
    assert "E-Akte im Bürgerbüro" in only_open and "Videosprechstunde" not in only_open
    by_unit = client.get(f"/pilotprojekte/?unit={tree['d1'].id}").get_data(as_text=True)
    assert "Videosprechstunde" in by_unit and "E-Akte im Bürgerbüro" not in by_unit
    by_status = client.get("/pilotprojekte/?status=planned").get_data(as_text=True)
    assert "Videosprechstunde" in by_status and "E-Akte im Bürgerbüro" not in by_status


def test_list_filter_as_htmx_returns_only_the_results(client, factory, login_as, make_pilot):
    make_pilot(title="Pilot A")
    login_as(factory.user())
    response = client.get(
        "/pilotprojekte/?status=open", headers={"HX-Request": "true", "HX-Target": "pilot-results"}
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="pilot-results">') and "<html" not in body
    assert "Pilot A" in body


def test_nonsense_filters_do_not_crash(client, factory, login_as):
    login_as(factory.user())
    assert client.get("/pilotprojekte/?status=xyz&unit=abc&page=-4").status_code == 200


def test_sign_up_plain_redirects_and_shows_status(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    login_as(factory.user())
    response = client.post(f"/pilotprojekte/{pilot.id}/anmelden", data={"motivation": "Gern"})
    assert response.status_code == 303
    assert "Ihr Status: bestätigt" in client.get(f"/pilotprojekte/{pilot.id}").get_data(as_text=True)


def test_sign_up_via_htmx_onto_waitlist_returns_box_and_live_message(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    signups.sign_up(pilot, factory.user(), "")
    db.session.commit()
    login_as(factory.user())
    response = client.post(
        f"/pilotprojekte/{pilot.id}/anmelden", data={"motivation": ""}, headers=HTMX_SIGNUP
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="signup-box"')
    assert "Warteliste, Platz 1" in body
    assert 'id="flash-region" data-hx-swap-oob="innerHTML"' in body
    assert "Sie stehen auf der Warteliste, Platz 1." in body


def test_too_long_motivation_is_a_field_error_and_keeps_input(client, factory, login_as, make_pilot):
    pilot = make_pilot()
    login_as(factory.user())
    text = "Motivation " * 5000  # 55,000 characters
    for headers in ({}, HTMX_SIGNUP):
        response = client.post(
            f"/pilotprojekte/{pilot.id}/anmelden", data={"motivation": text}, headers=headers
        )
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "Höchstens 2.000 Zeichen." in body
        assert 'aria-invalid="true"' in body
        assert text.strip()[:200] in body
    assert db.session.scalar(select(PilotSignup.id)) is None


def test_sign_up_twice_and_after_deadline_show_clear_messages(client, factory, login_as, make_pilot):
    pilot = make_pilot(signup_deadline=date(2026, 5, 1))
    login_as(factory.user())
    with clock.frozen(datetime(2026, 4, 1, 8, tzinfo=UTC)):
        assert client.post(f"/pilotprojekte/{pilot.id}/anmelden", data={}).status_code == 303
        again = client.post(f"/pilotprojekte/{pilot.id}/anmelden", data={}, headers=HTMX_SIGNUP)
    assert again.status_code == 422
    assert "bereits angemeldet" in again.get_data(as_text=True)
    other = make_pilot(signup_deadline=date(2026, 5, 1))
    with clock.frozen(datetime(2026, 5, 2, 8, tzinfo=UTC)):
        late = client.post(f"/pilotprojekte/{other.id}/anmelden", data={"motivation": "bitte"})
    assert late.status_code == 422
    body = late.get_data(as_text=True)
    assert "Die Anmeldefrist ist abgelaufen." in body


def test_withdraw_when_not_signed_up_is_a_message_not_a_crash(client, factory, login_as, make_pilot):
    pilot = make_pilot()
    login_as(factory.user())
    response = client.post(f"/pilotprojekte/{pilot.id}/abmelden", headers=HTMX_SIGNUP)
    assert response.status_code == 422
    assert "nicht angemeldet" in response.get_data(as_text=True)
    plain = client.post(f"/pilotprojekte/{pilot.id}/abmelden")
    assert plain.status_code == 303


def test_withdraw_via_htmx_and_promotion_notification(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    me, waiting = factory.user(), factory.user()
    signups.sign_up(pilot, me, "")
    signups.sign_up(pilot, waiting, "")
    db.session.commit()
    login_as(me)
    response = client.post(f"/pilotprojekte/{pilot.id}/abmelden", headers=HTMX_SIGNUP)
    assert response.status_code == 200 and "Jetzt anmelden" not in response.get_data(as_text=True)
    assert "Sie haben sich abgemeldet." in response.get_data(as_text=True)
    note = db.session.scalar(select(Notification).where(Notification.user_id == waiting.id))
    assert note.kind == "pilot_promoted" and note.url == f"/pilotprojekte/{pilot.id}"


def test_create_pilot_with_bad_input_keeps_everything(client, org, login_as):
    tree = org.tree
    login_as(org.leader)
    assert client.get("/pilotprojekte/neu").status_code == 200
    with clock.frozen(datetime(2026, 6, 10, 8, tzinfo=UTC)):
        response = client.post(
            "/pilotprojekte/neu",
            data={
                "title": "T" * 300,
                "goal": "Ziel",
                "unit_id": tree["a32"].id,
                "capacity": "0",
                "signup_deadline": "2026-06-01",
                "owner_email": "gibtsnicht@test.example",
                "required_path_id": 0,
            },
        )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Höchstens 160 Zeichen." in body and "zwischen 1 und 10.000" in body
    assert "T" * 300 in body
    assert db.session.scalar(select(Pilot.id)) is None


def test_create_pilot_deadline_in_past_and_unknown_owner(client, org, login_as):
    tree = org.tree
    login_as(org.admin)
    data = {"title": "Neu", "goal": "Ziel", "unit_id": tree["a32"].id, "capacity": "5", "required_path_id": 0}
    with clock.frozen(datetime(2026, 6, 10, 8, tzinfo=UTC)):
        past = client.post("/pilotprojekte/neu", data={**data, "signup_deadline": "2026-06-01"})
        assert "nicht in der Vergangenheit" in past.get_data(as_text=True)
        unknown = client.post("/pilotprojekte/neu", data={**data, "owner_email": "x@test.example"})
        assert "keine aktive Person" in unknown.get_data(as_text=True)
        owner = org.staff
        done = client.post("/pilotprojekte/neu", data={**data, "owner_email": owner.email.upper()})
    assert done.status_code == 303
    pilot = db.session.scalar(select(Pilot))
    assert pilot.owner_id == owner.id and pilot.status == "planned" and pilot.capacity == 5


def test_owner_view_shows_motivations_and_waitlist(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    signups.sign_up(pilot, factory.user(name="Anna Amsel"), "Ich kenne die E-Akte gut.")
    signups.sign_up(pilot, factory.user(name="Bert Buche"), "Ich will es lernen.")
    db.session.commit()
    login_as(pilot.owner)
    body = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").get_data(as_text=True)
    assert "Ich kenne die E-Akte gut." in body and "Ich will es lernen." in body
    assert "Warteliste (1)" in body
    detail = client.get(f"/pilotprojekte/{pilot.id}").get_data(as_text=True)
    assert "Ich kenne die E-Akte gut." not in detail


def test_capacity_below_confirmed_offers_keep_choice(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=2)
    for _ in range(2):
        signups.sign_up(pilot, factory.user(), "")
    db.session.commit()
    login_as(pilot.owner)
    response = client.post(f"/pilotprojekte/{pilot.id}/plaetze", data={"cap-capacity": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bestätigte Personen behalten" in body and 'name="cap-keep_confirmed"' in body
    for bad in ("0", "-1", "abc", ""):
        bad_response = client.post(f"/pilotprojekte/{pilot.id}/plaetze", data={"cap-capacity": bad})
        assert bad_response.status_code == 422
    kept = client.post(
        f"/pilotprojekte/{pilot.id}/plaetze", data={"cap-capacity": "1", "cap-keep_confirmed": "y"}
    )
    assert kept.status_code == 303
    db.session.refresh(pilot)
    assert (pilot.capacity, pilot.confirmed_count) == (1, 2)


def test_status_workflow_notifies_participants(client, factory, login_as, make_pilot):
    pilot = make_pilot()
    person = factory.user()
    signups.sign_up(pilot, person, "")
    db.session.commit()
    login_as(pilot.owner)
    wrong = client.post(f"/pilotprojekte/{pilot.id}/status", data={"st-status": "done"})
    assert wrong.status_code == 422
    assert client.post(f"/pilotprojekte/{pilot.id}/status", data={"st-status": "running"}).status_code == 303
    note = db.session.scalar(select(Notification).where(Notification.user_id == person.id))
    assert "„läuft“" in note.message


def test_remove_with_reason(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    first, second = factory.user(), factory.user()
    signups.sign_up(pilot, first, "")
    signups.sign_up(pilot, second, "")
    db.session.commit()
    signup_id = queries.signup_of(pilot, first).id
    login_as(pilot.owner)
    url = f"/pilotprojekte/{pilot.id}/teilnehmende/{signup_id}/entfernen"
    assert client.get(url).status_code == 200
    empty = client.post(url, data={"reason": ""})
    assert empty.status_code == 422 and "Bitte füllen Sie dieses Feld aus." in empty.get_data(as_text=True)
    assert client.post(url, data={"reason": "Doppelt angemeldet"}).status_code == 303
    assert queries.signup_of(pilot, second).status == "confirmed"
    assert client.post(url, data={"reason": "nochmal"}).status_code == 422


def test_csv_export_is_excel_friendly_and_formula_safe(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    login_as(pilot.owner)
    empty = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende.csv")
    assert empty.status_code == 303
    assert "keine Anmeldungen" in client.get(empty.headers["Location"]).get_data(as_text=True)
    signups.sign_up(pilot, factory.user(name='=HYPERLINK("x")'), "@SUM(1;2); Grüße")
    signups.sign_up(pilot, factory.user(name="Jörg Weiß"), "-2+3")
    db.session.commit()
    response = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende.csv")
    raw = response.get_data()
    assert response.mimetype == "text/csv" and raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:4] == ["Name", "E-Mail", "Einheit", "Status"]
    assert lines[1].startswith('"\'=HYPERLINK(""x"")";')
    assert '"\'@SUM(1;2); Grüße"' in lines[1]
    assert lines[2].startswith("Jörg Weiß;") and lines[2].endswith(";'-2+3")
    assert ";Warteliste;1;" in lines[2]


def test_ical_has_the_dates(client, factory, login_as, make_pilot):
    pilot = make_pilot(title="Mobiles Arbeiten")
    services.add_date(pilot, pilot.owner, "Auftakt", date(2026, 7, 1), time(9), time(11), "Raum 204")
    db.session.commit()
    login_as(factory.user())
    response = client.get(f"/pilotprojekte/{pilot.id}/termine.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "SUMMARY:Mobiles Arbeiten: Auftakt" in body
    assert "DTSTART:20260701T070000Z" in body and "LOCATION:Raum 204" in body


def test_add_date_errors_are_field_errors(client, factory, login_as, make_pilot):
    pilot = make_pilot()
    login_as(pilot.owner)
    response = client.post(
        f"/pilotprojekte/{pilot.id}/termine",
        data={"date-title": "Workshop", "date-day": "2026-07-01", "date-start": "14:00", "date-end": "13:00"},
    )
    assert response.status_code == 422
    assert "Das Ende muss nach dem Beginn liegen." in response.get_data(as_text=True)


def test_results_publish_notifies_and_appear_on_lessons_page(client, factory, login_as, make_pilot):
    pilot = make_pilot(title="Digitale Akte", status="evaluation")
    person = factory.user()
    db.session.add(PilotSignup(pilot_id=pilot.id, user_id=person.id, status="confirmed"))
    pilot.confirmed_count = 1
    db.session.commit()
    login_as(pilot.owner)
    assert client.get(f"/pilotprojekte/{pilot.id}/ergebnisse").status_code == 200
    missing = client.post(f"/pilotprojekte/{pilot.id}/ergebnisse", data={"summary": "", "worked": "Viel"})
    assert missing.status_code == 422 and "Viel" in missing.get_data(as_text=True)
    response = client.post(
        f"/pilotprojekte/{pilot.id}/ergebnisse",
        data={
            "summary": "Es hat geklappt.",
            "worked": "Schulung",
            "not_worked": "Scanner",
            "recommendation": "Ausrollen",
            "decision_id": 0,
            "path_id": 0,
        },
    )
    assert response.status_code == 303
    note = db.session.scalar(select(Notification).where(Notification.user_id == person.id))
    assert note.kind == "pilot_results"
    lessons = client.get("/pilotprojekte/gelernt").get_data(as_text=True)
    assert "Digitale Akte" in lessons and "Es hat geklappt." in lessons


def test_results_refused_before_evaluation(client, factory, login_as, make_pilot):
    pilot = make_pilot(status="running")
    login_as(pilot.owner)
    response = client.post(
        f"/pilotprojekte/{pilot.id}/ergebnisse",
        data={"summary": "Schon fertig?", "decision_id": 0, "path_id": 0},
    )
    assert response.status_code == 422
    assert "erst in der Auswertung" in response.get_data(as_text=True)


def test_message_all_participants(client, factory, login_as, make_pilot):
    pilot = make_pilot(capacity=1)
    confirmed, waiting = factory.user(), factory.user()
    signups.sign_up(pilot, confirmed, "")
    signups.sign_up(pilot, waiting, "")
    db.session.commit()
    login_as(pilot.owner)
    assert (
        client.post(f"/pilotprojekte/{pilot.id}/nachricht", data={"msg-text": "x" * 401}).status_code == 422
    )
    assert (
        client.post(f"/pilotprojekte/{pilot.id}/nachricht", data={"msg-text": "Treffen um 9 Uhr"}).status_code
        == 303
    )
    kinds = dict(db.session.execute(select(Notification.user_id, Notification.message)).all())
    assert "Treffen um 9 Uhr" in kinds[confirmed.id] and waiting.id not in kinds


def test_home_panel_lists_my_pilots(client, factory, login_as, make_pilot):
    pilot = make_pilot(title="Pilot für die Startseite", capacity=1)
    person = factory.user()
    signups.sign_up(pilot, person, "")
    db.session.commit()
    login_as(person)
    body = client.get("/").get_data(as_text=True)
    assert "Meine Pilotprojekte" in body and "Pilot für die Startseite" in body


def _fill(factory, make_pilot, count, people_per_pilot):
    unit = factory.unit()
    people = [factory.user(unit=unit, password=None) for _ in range(people_per_pilot)]
    pilots = []
    for index in range(count):
        pilot = make_pilot(capacity=max(people_per_pilot // 2, 1), unit=unit)
        services.add_date(pilot, pilot.owner, f"Termin {index}", date(2026, 7, 1), time(9), time(10), "")
        for person in people:
            signups.sign_up(pilot, person, "Motivation")
        pilot.results_summary, pilot.results_published_at = "Gelernt", clock.now()
        pilots.append(pilot)
    db.session.commit()
    return pilots, people


@pytest.mark.slow
def test_query_counts_do_not_grow_with_data(client, factory, login_as, make_pilot, count_queries):
    counts = []
    for size in (1, 10):
        pilots, people = _fill(factory, make_pilot, 2 * size, 3 * size)
        viewer = people[0]
        owner_client = login_as(pilots[-1].owner, client.application.test_client())
        login_as(viewer)
        measured = []
        for path, who in (
            ("/pilotprojekte/", client),
            (f"/pilotprojekte/{pilots[-1].id}", client),
            (f"/pilotprojekte/{pilots[-1].id}/teilnehmende", owner_client),
            ("/pilotprojekte/gelernt", client),
        ):
            with count_queries() as counter:
                assert who.get(path).status_code == 200
            measured.append(counter.count)
        counts.append(measured)
    assert counts[0] == counts[1], counts


def test_pilot_page_explains_why_sign_up_is_not_possible(client, factory, login_as, make_pilot):
    from intranet.training.models import TrainingPath

    path = TrainingPath(title="E-Akte Grundlagen", status="published")
    db.session.add(path)
    db.session.commit()
    login_as(factory.user())
    needs_path = make_pilot(required_path_id=path.id)
    body = client.get(f"/pilotprojekte/{needs_path.id}").get_data(as_text=True)
    assert "Bitte schließen Sie zuerst den Lernpfad „E-Akte Grundlagen“ ab." in body
    assert f'href="/lernpfade/{path.id}"' in body and 'name="motivation"' not in body
    refused = client.post(f"/pilotprojekte/{needs_path.id}/anmelden", data={}, headers=HTMX_SIGNUP)
    assert refused.status_code == 422 and 'role="alert"' in refused.get_data(as_text=True)
    planned = make_pilot(status="planned")
    assert "nicht geöffnet" in client.get(f"/pilotprojekte/{planned.id}").get_data(as_text=True)


def test_open_filter_leaves_out_closed_and_expired(client, factory, login_as, make_pilot):
    make_pilot(title="Offen A")
    make_pilot(title="Geschlossen B", is_signup_closed=True)
    make_pilot(title="Abgelaufen C", signup_deadline=date(2026, 1, 31))
    login_as(factory.user())
    with clock.frozen(datetime(2026, 2, 2, 9, tzinfo=UTC)):
        body = client.get("/pilotprojekte/?open_only=y").get_data(as_text=True)
    assert "Offen A" in body and "Geschlossen B" not in body and "Abgelaufen C" not in body


def test_edit_close_and_reopen_and_delete_date(client, factory, login_as, make_pilot):
    pilot = make_pilot(title="Alt")
    item = services.add_date(pilot, pilot.owner, "Auftakt", date(2026, 7, 1), time(9), time(10), "")
    db.session.commit()
    new_owner = factory.user()
    login_as(pilot.owner)
    form = client.get(f"/pilotprojekte/{pilot.id}/bearbeiten").get_data(as_text=True)
    assert 'name="capacity"' not in form and pilot.owner.email in form
    response = client.post(
        f"/pilotprojekte/{pilot.id}/bearbeiten",
        data={
            "title": "Neu",
            "goal": "Ziel",
            "unit_id": pilot.unit_id,
            "owner_email": new_owner.email,
            "required_path_id": 0,
        },
    )
    assert response.status_code == 303
    db.session.refresh(pilot)
    assert (pilot.title, pilot.owner_id) == ("Neu", new_owner.id)
    assert client.post(f"/pilotprojekte/{pilot.id}/anmeldung/schliessen").status_code == 303
    db.session.refresh(pilot)
    assert pilot.is_signup_closed
    assert client.post(f"/pilotprojekte/{pilot.id}/anmeldung/oeffnen").status_code == 303
    assert client.post(f"/pilotprojekte/{pilot.id}/termine/{item.id}/loeschen").status_code == 303
    db.session.refresh(pilot)
    assert not pilot.is_signup_closed and pilot.dates == []
    # The creator still manages the pilot after naming someone else as owner.
    assert client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").status_code == 200


def test_owner_actions_are_in_the_audit_log(client, factory, login_as, make_pilot):
    from intranet.audit.models import AuditEntry

    pilot = make_pilot()
    login_as(pilot.owner)
    client.post(f"/pilotprojekte/{pilot.id}/status", data={"st-status": "running"})
    client.post(f"/pilotprojekte/{pilot.id}/plaetze", data={"cap-capacity": "9"})
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["pilot_status_changed", "pilot_capacity_changed"]


def test_results_link_to_the_decision_and_path_that_followed(client, factory, login_as, make_pilot):
    from intranet.decisions.models import Decision
    from intranet.training.models import TrainingPath

    pilot = make_pilot(title="Chat im Team", status="done")
    decided = Decision(
        title="Chat für alle", unit_id=pilot.unit_id, owner_id=pilot.owner_id, status="decided"
    )
    draft = Decision(title="Noch geheim", unit_id=pilot.unit_id, owner_id=pilot.owner_id, status="draft")
    path = TrainingPath(title="Chat sicher nutzen", status="published")
    db.session.add_all([decided, draft, path])
    db.session.commit()
    login_as(pilot.owner)
    form = client.get(f"/pilotprojekte/{pilot.id}/ergebnisse").get_data(as_text=True)
    assert "Chat für alle" in form and "Noch geheim" not in form
    refused = client.post(
        f"/pilotprojekte/{pilot.id}/ergebnisse",
        data={"summary": "Gut", "decision_id": draft.id, "path_id": 0},
    )
    assert refused.status_code == 422
    assert (
        client.post(
            f"/pilotprojekte/{pilot.id}/ergebnisse",
            data={"summary": "Gut", "decision_id": decided.id, "path_id": path.id},
        ).status_code
        == 303
    )
    lessons = client.get("/pilotprojekte/gelernt").get_data(as_text=True)
    assert f'href="/decisions/{decided.id}"' in lessons and f'href="/lernpfade/{path.id}"' in lessons


def test_sign_up_needs_csrf_token(make_app, factory, login_as, make_pilot):
    pilot = make_pilot()
    protected = make_app(WTF_CSRF_ENABLED=True).test_client()
    login_as(factory.user(), protected)
    response = protected.post(f"/pilotprojekte/{pilot.id}/anmelden", data={"motivation": "x"})
    assert response.status_code == 400
    assert pilot.confirmed_count == 0


def test_capacity_bar_names_places_and_waiting_list(client, login_as, make_pilot, factory):
    """Issue 17: "7 von 10 Plätzen belegt, 3 auf der Warteliste" as a bar with that name."""
    pilot = make_pilot(capacity=2)
    for _ in range(3):
        signups.sign_up(pilot, factory.user(), "Gern.")
    db.session.commit()
    login_as(pilot.owner)
    html = client.get(f"/pilotprojekte/{pilot.id}/teilnehmende").text
    assert "2 von 2 Plätzen belegt, 1 auf der Warteliste" in html
    check_charts(html)
    login_as(factory.user())
    assert "2 von 2 Plätzen belegt" in client.get(f"/pilotprojekte/{pilot.id}").text
