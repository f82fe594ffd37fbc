"""Admins create, edit, assign roles to and deactivate people."""

from sqlalchemy import select

from intranet.audit.models import AuditEntry
from intranet.auth.models import User
from intranet.extensions import db


def _form(unit, **overrides):
    data = {
        "name": "Neue Kollegin",
        "email": "neu@test.example",
        "unit_id": unit.id,
        "locale": "de",
        "password": "",
    }
    data.update(overrides)
    return data


def test_admin_creates_user_with_roles(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    response = client.post(
        "/verwaltung/personen/neu", data=_form(tree["sg321"], guide_units=[tree["a32"].id], is_admin="y")
    )
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.email == "neu@test.example"))
    assert user.roles == {"staff", "guide", "admin"}
    assert user.scope_unit_ids("guide") == {tree["a32"].id}
    assert user.password_hash is None  # sets it via the reset link
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"user_created", "roles_changed"} <= actions


def test_create_user_errors_keep_input(client, factory, login_as, org):
    tree = org.tree
    existing = factory.user(unit=tree["a10"])
    login_as(org.admin)
    response = client.post(
        "/verwaltung/personen/neu", data=_form(tree["sg321"], email=existing.email, name="Behalte mich")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "bereits vergeben" in html and "Behalte mich" in html
    response = client.post(
        "/verwaltung/personen/neu", data=_form(tree["sg321"], name="x" * 500, email="kaputt", unit_id=0)
    )
    html = response.get_data(as_text=True)
    assert "Höchstens 120 Zeichen." in html
    assert "gültige E-Mail-Adresse" in html
    assert "Bitte wählen Sie eine Organisationseinheit." in html


def test_unknown_unit_id_is_a_field_error(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    response = client.post("/verwaltung/personen/neu", data=_form(tree["sg321"], unit_id=999999))
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "neu@test.example")) is None


def test_edit_user_changes_roles_and_audits(client, factory, login_as, org):
    tree = org.tree
    user = factory.user(unit=tree["sg321"], roles=[("guide", tree["a32"])])
    login_as(org.admin)
    response = client.post(
        f"/verwaltung/personen/{user.id}",
        data=_form(tree["sg322"], email=user.email, name="Umbenannt", leadership_units=[tree["d2"].id]),
    )
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.name == "Umbenannt" and user.unit_id == tree["sg322"].id
    assert user.roles == {"staff", "leadership"}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "roles_changed"))
    assert entry.object_id == user.id


def test_admin_cannot_remove_own_admin_role_or_deactivate_self(client, factory, login_as, org):
    tree = org.tree
    admin = org.admin
    login_as(admin)
    response = client.post(
        f"/verwaltung/personen/{admin.id}", data=_form(tree["a10"], email=admin.email, name=admin.name)
    )
    assert response.status_code == 422
    # The rule names no field of the form: it is listed in the summary above the form.
    summary = response.get_data(as_text=True).split('class="form-error-summary"', 1)[1].split("</div>", 1)[0]
    assert "nicht selbst entziehen" in summary
    client.post(f"/verwaltung/personen/{admin.id}/deaktivieren")
    assert db.session.get(User, admin.id).is_active_account


def test_deactivate_and_reactivate(client, factory, login_as, org):
    tree = org.tree
    user = factory.user(unit=tree["sg321"])
    login_as(org.admin)
    assert client.post(f"/verwaltung/personen/{user.id}/deaktivieren").status_code == 303
    assert not db.session.get(User, user.id).is_active_account
    assert client.post(f"/verwaltung/personen/{user.id}/reaktivieren").status_code == 303
    assert db.session.get(User, user.id).is_active_account


def test_user_list_filters_and_paginates(client, factory, login_as, org):
    tree = org.tree
    for index in range(30):
        factory.user(name=f"Mitarbeiterin {index:02d}", unit=tree["sg321"])
    factory.user(name="Gesuchte Person", unit=tree["sg322"], roles=[("guide", tree["a32"])])
    login_as(org.admin)
    html = client.get("/verwaltung/personen").get_data(as_text=True)
    assert "Seite 1 von 2" in html
    html = client.get("/verwaltung/personen?q=gesucht").get_data(as_text=True)
    assert "Gesuchte Person" in html and "Mitarbeiterin 01" not in html
    html = client.get("/verwaltung/personen?role=guide").get_data(as_text=True)
    assert "Gesuchte Person" in html and "Mitarbeiterin 01" not in html
    assert client.get("/verwaltung/personen?page=999").status_code == 200


def test_user_list_partial_for_htmx_target(client, factory, login_as):
    login_as(factory.admin())
    partial = client.get(
        "/verwaltung/personen?q=x", headers={"HX-Request": "true", "HX-Target": "user-results"}
    )
    assert partial.get_data(as_text=True).lstrip().startswith('<div id="user-results">')
    boosted = client.get(
        "/verwaltung/personen",
        headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "user-results"},
    )
    assert "<html" in boosted.get_data(as_text=True)


def test_query_counts_are_constant(client, factory, login_as, count_queries, org):
    tree = org.tree
    admin = org.admin
    login_as(admin)
    counts = []
    for extra in (5, 50):
        for index in range(extra):
            factory.user(unit=tree["sg321"], roles=[("guide", tree["a32"])] if index % 3 == 0 else [])
        per_page = {}
        for path in (
            "/verwaltung/personen",
            "/organisation/",
            "/",
            "/verwaltung/protokoll",
            "/benachrichtigungen/",
        ):
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            per_page[path] = counter.count
        counts.append(per_page)
    assert counts[0] == counts[1]
    foundation_pages = {path: n for path, n in counts[1].items() if path != "/"}
    assert max(foundation_pages.values()) <= 8, counts[1]  # home: every feature's panel adds some


def test_account_status_controls_only_for_other_people(client, org, login_as):
    login_as(org.admin)
    own = client.get(f"/verwaltung/personen/{org.admin.id}").get_data(as_text=True)
    other = client.get(f"/verwaltung/personen/{org.staff.id}").get_data(as_text=True)
    assert "Konto deaktivieren" not in own
    assert "Konto deaktivieren" in other
