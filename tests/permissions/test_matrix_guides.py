"""Guides routes × roles, including private questions of other people (IDOR → 404)."""

from dataclasses import replace

import pytest

from intranet.extensions import db
from intranet.guides import services
from tests.permissions.conftest import Case

SIGNED_IN = {"anonymous": 302, "*": 200}
SIGNED_IN_POST = {"anonymous": 302, "*": 303}
ADMIN_ONLY = {"anonymous": 302, "*": 403, "admin": 200}
INBOX = {"anonymous": 302, "*": 403, "guide": 200, "other_guide": 200, "admin": 200}
# A private question of `staff` (SG 32.1): only the asker and the guides of Amt 32 see it.
PRIVATE_VIEW = {"anonymous": 302, "*": 404, "staff": 200, "guide": 200}
PRIVATE_GUIDE_POST = {"anonymous": 302, "*": 404, "staff": 403, "guide": 303}
PRIVATE_ASKER_POST = {"anonymous": 302, "*": 404, "staff": 303, "guide": 403}
TRAIL = {"HX-Request": "true", "HX-Target": "question-trail"}
HTMX_ANONYMOUS = {"anonymous": 401}  # htmx requests get 401 instead of a login redirect

CASES = [
    Case("contacts", "GET", "/lotsen/", SIGNED_IN),
    Case("directory", "GET", "/lotsen/verzeichnis", SIGNED_IN),
    Case("directory by topic", "GET", "/lotsen/verzeichnis?view=topics", SIGNED_IN),
    Case("faq", "GET", "/lotsen/faq?q=frage", SIGNED_IN),
    Case(
        "faq partial",
        "GET",
        "/lotsen/faq",
        {**SIGNED_IN, **HTMX_ANONYMOUS},
        headers={"HX-Request": "true", "HX-Target": "faq-results"},
    ),
    Case("suggestions", "GET", "/lotsen/vorschlaege?title=frage", SIGNED_IN),
    Case(
        "suggestions partial",
        "GET",
        "/lotsen/vorschlaege?title=frage",
        {**SIGNED_IN, **HTMX_ANONYMOUS},
        headers={"HX-Request": "true", "HX-Target": "suggestions"},
    ),
    Case("ask form", "GET", "/lotsen/fragen/neu", SIGNED_IN),
    Case(
        "ask",
        "POST",
        "/lotsen/fragen/neu",
        SIGNED_IN_POST,
        data={"title": "Neue Frage", "topic_id": "0", "visibility": "public"},
    ),
    Case("inbox", "GET", "/lotsen/posteingang", INBOX),
    Case(
        "inbox partial",
        "GET",
        "/lotsen/posteingang?filter=mine",
        {**INBOX, **HTMX_ANONYMOUS},
        headers={"HX-Request": "true", "HX-Target": "inbox-results"},
    ),
    Case("inbox count", "GET", "/lotsen/posteingang/anzahl", INBOX),
    Case(
        "header inbox badge",
        "GET",
        "/lotsen/posteingang/kennzahl",
        {**INBOX, **HTMX_ANONYMOUS},
        headers={"HX-Request": "true"},
    ),
    Case("coverage", "GET", "/lotsen/abdeckung", ADMIN_ONLY),
    Case("unit guides", "GET", "/lotsen/einheiten/{unit}", ADMIN_ONLY),
    Case(
        "assign unit guide",
        "POST",
        "/lotsen/einheiten/{unit}",
        {"anonymous": 302, "*": 403, "admin": 303},
        data={"email": "{staff_email}"},
    ),
    Case(
        "remove unit guide",
        "POST",
        "/lotsen/einheiten/{guide_unit}/lotsen/{guide}/entfernen",
        {"anonymous": 302, "*": 403, "admin": 303},
    ),
    Case("escalation settings", "GET", "/lotsen/fristen", ADMIN_ONLY),
    Case(
        "save escalation settings",
        "POST",
        "/lotsen/fristen",
        {"anonymous": 302, "*": 403, "admin": 303},
        data={"depth": "1", "sla_hours": "24", "warn_hours": "2"},
    ),
    Case(
        "guide profile",
        "GET",
        "/lotsen/profil/{guide}",
        {"anonymous": 302, "*": 403, "guide": 200, "admin": 200},
    ),
    Case("non-guide has no guide profile", "GET", "/lotsen/profil/{staff}", {"anonymous": 302, "*": 403}),
    Case("missing profile", "GET", "/lotsen/profil/999999", {"anonymous": 302, "*": 404}),
    Case("public question", "GET", "/lotsen/fragen/{public}", SIGNED_IN),
    Case("missing question", "GET", "/lotsen/fragen/999999", {"anonymous": 302, "*": 404}),
    Case("private question", "GET", "/lotsen/fragen/{private}", PRIVATE_VIEW),
    Case(
        "private question trail partial",
        "GET",
        "/lotsen/fragen/{private}",
        {**PRIVATE_VIEW, **HTMX_ANONYMOUS},
        headers=TRAIL,
    ),
    Case(
        "private question claim partial",
        "POST",
        "/lotsen/fragen/{private}/uebernehmen",
        {"anonymous": 401, "*": 404, "staff": 403, "guide": 200},
        headers={"HX-Request": "true", "HX-Target": "claim-{private}"},
    ),
    Case(
        "claim public",
        "POST",
        "/lotsen/fragen/{public}/uebernehmen",
        {"anonymous": 302, "*": 403, "guide": 303},
    ),
    Case(
        "release a claim (only the claimer)",
        "POST",
        "/lotsen/fragen/{claimed}/freigeben",
        {"anonymous": 302, "*": 404, "staff": 403, "guide": 303},
    ),
    Case(
        "answer private",
        "POST",
        "/lotsen/fragen/{private}/antwort",
        PRIVATE_GUIDE_POST,
        data={"body": "Antwort"},
    ),
    Case(
        "answer public not on my route",
        "POST",
        "/lotsen/fragen/{public}/antwort",
        {"anonymous": 302, "*": 403, "guide": 303},
        data={"body": "Antwort"},
    ),
    Case(
        "reply private",
        "POST",
        "/lotsen/fragen/{private}/nachricht",
        PRIVATE_ASKER_POST,
        data={"body": "Danke"},
    ),
    Case(
        "accept on private",
        "POST",
        "/lotsen/fragen/{answered}/hat-geholfen",
        PRIVATE_ASKER_POST,
        data={"answer_id": "{answer}"},
    ),
    Case("reopen private", "POST", "/lotsen/fragen/{solved}/wieder-oeffnen", PRIVATE_ASKER_POST),
    Case(
        "solve someone else's public question",
        "POST",
        "/lotsen/fragen/{other_public}/erledigt",
        {"anonymous": 302, "*": 403, "guide": 303},
    ),
    Case("follow public", "POST", "/lotsen/fragen/{public}/folgen", SIGNED_IN_POST),
    Case(
        "follow private",
        "POST",
        "/lotsen/fragen/{private}/folgen",
        {"anonymous": 302, "*": 404, "staff": 303, "guide": 303},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_guides_matrix(case, actors, check_case, factory):
    staff, guide = actors["staff"], actors["guide"]
    public = services.ask(staff, "Öffentliche Frage", "", None, False)
    colleague = factory.user(name="Kollegin", unit=actors.tree["sg322"])
    other_public = services.ask(colleague, "Andere Frage", "", None, False)
    private = services.ask(staff, "Private Frage", "", None, True)
    claimed = services.ask(staff, "Übernommene Frage", "", None, True)
    services.claim(claimed, guide)
    answered = services.ask(staff, "Beantwortete Frage", "", None, True)
    answer = services.answer(answered, guide, "Antwort")
    solved = services.ask(staff, "Gelöste Frage", "", None, True)
    services.mark_solved(solved, staff)
    db.session.commit()
    ids = {
        "public": public.id,
        "private": private.id,
        "claimed": claimed.id,
        "answered": answered.id,
        "answer": answer.id,
        "solved": solved.id,
        "other_public": other_public.id,
        "guide": guide.id,
        "staff": staff.id,
        "unit": actors.tree["sg321"].id,
        "guide_unit": actors.tree["a32"].id,
        "staff_email": staff.email,
    }
    # A filled-in copy: CASES are shared by both database runs, so never change them.
    filled = replace(
        case,
        data={key: value.format(**ids) for key, value in case.data.items()},
        headers={key: value.format(**ids) for key, value in case.headers.items()},
    )
    assert check_case(filled, actors, ids) == []
