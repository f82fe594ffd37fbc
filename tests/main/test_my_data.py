"""„Meine Daten“: a person sees and downloads what is stored about them – and only that."""

from flask_babel import lazy_gettext as _l

from intranet.extensions import db
from intranet.notify.services import notify


def test_my_data_lists_account_notifications_and_audit(client, factory, login_as, org):
    tree = org.tree
    user = factory.user(name="Dora Daten", unit=tree["sg321"], roles=[("guide", tree["a32"])])
    other = factory.user(name="Andere Person", unit=tree["sg321"])
    notify([user], "test", _l("Meine Nachricht"), "/")
    notify([other], "test", _l("Fremde Nachricht"), "/")
    db.session.commit()
    client.post("/konto/anmelden", data={"email": user.email, "password": "richtig-gutes-passwort"})
    html = client.get("/meine-daten").get_data(as_text=True)
    assert "Dora Daten" in html and "Landratsamt Test / Dezernat 2 / Amt 32 / SG 32.1" in html
    assert "guide (Amt 32)" in html
    assert "Meine Nachricht" in html and "Fremde Nachricht" not in html
    assert "login" in html  # the audit entry of this sign-in
    download = client.get("/meine-daten.json")
    assert download.headers["Content-Disposition"].startswith("attachment")
    data = download.get_json()
    assert data["Konto"]["daten"][0]["E-Mail-Adresse"] == user.email
    assert "sichtbar_fuer" in data["Benachrichtigungen"]


def test_my_data_needs_sign_in(client):
    assert client.get("/meine-daten").status_code == 302
    assert client.get("/meine-daten.json").status_code == 302


def test_my_data_has_every_pillar_and_never_anonymous_content(client, factory, login_as, org):
    from intranet.feedback.services import PostDraft, create_anonymous_post, create_named_post
    from intranet.guides.services import ask

    tree = org.tree
    for _ in range(5):
        factory.user(unit=tree["sg321"])
    user = factory.user(name="Nina Nachweis", unit=tree["sg321"])
    ask(user, "Wie scanne ich richtig?", "Bitte helfen", None, False)
    create_named_post(user, PostDraft(kind="idea", title="Meine benannte Idee", body="Mehr Scanner"))
    create_anonymous_post(PostDraft(kind="concern", title="Meine anonyme Sorge", body="Geheim"))
    db.session.commit()
    login_as(user)
    html = client.get("/meine-daten").get_data(as_text=True)
    for title in (
        "Lotsen & Fragen",
        "Lernpfade",
        "Pilotprojekte",
        "Entscheidungen",
        "Feedback & Fehlerkultur",
    ):
        assert title in html, title
    assert "Wie scanne ich richtig?" in html and "Meine benannte Idee" in html
    assert "Meine anonyme Sorge" not in html
    assert "Meine anonyme Sorge" not in client.get("/meine-daten.json").get_data(as_text=True)
