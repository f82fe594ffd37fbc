"""Admins maintain the org tree: create, rename, move, deactivate – without losing history."""

from sqlalchemy import select

from intranet.audit.models import AuditEntry
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.org.services import OrgTree


def test_tree_shows_nested_units_to_everyone(client, factory, login_as, org):
    tree = org.tree
    login_as(factory.user(unit=tree["sg321"]))
    html = client.get("/organisation/").get_data(as_text=True)
    assert html.index("Dezernat 2") < html.index("Amt 32") < html.index("SG 32.1")
    assert "Einheit anlegen" not in html


def test_create_rename_and_move_unit(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    response = client.post(
        "/organisation/neu",
        data={"name": "  SG 32.3   Neu ", "kind": "sachgebiet", "parent_id": tree["a32"].id},
    )
    assert response.status_code == 303
    unit = db.session.scalar(select(OrgUnit).where(OrgUnit.name == "SG 32.3 Neu"))
    assert unit.parent_id == tree["a32"].id
    response = client.post(
        f"/organisation/{unit.id}",
        data={"name": "SG 10.9", "kind": "sachgebiet", "parent_id": tree["a10"].id},
    )
    assert response.status_code == 303
    db.session.refresh(unit)
    assert (unit.name, unit.parent_id) == ("SG 10.9", tree["a10"].id)
    assert {"unit_created", "unit_updated"} <= set(db.session.scalars(select(AuditEntry.action)))


def test_move_below_own_subtree_is_refused(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    response = client.post(
        f"/organisation/{tree['d2'].id}",
        data={"name": "Dezernat 2", "kind": "dezernat", "parent_id": tree["sg321"].id},
    )
    assert response.status_code == 422
    assert "nicht unter sich selbst" in response.get_data(as_text=True)
    db.session.refresh(tree["d2"])
    assert tree["d2"].parent_id == tree["root"].id


def test_duplicate_and_invalid_names(client, factory, login_as, org):
    tree = org.tree
    login_as(org.admin)
    for name, message in [
        ("sg 32.1", "schon eine Einheit"),
        ("A/B", "Schrägstrich"),
        ("", "Bitte füllen Sie dieses Feld aus."),
        ("x" * 200, "Höchstens 120"),
    ]:
        response = client.post(
            "/organisation/neu", data={"name": name, "kind": "sachgebiet", "parent_id": tree["a32"].id}
        )
        assert response.status_code == 422, name
        assert message in response.get_data(as_text=True), name


def test_deactivate_requires_empty_unit_and_keeps_it(client, factory, login_as, org):
    tree = org.tree
    member = factory.user(unit=tree["sg321"])
    login_as(org.admin)
    client.post(f"/organisation/{tree['a32'].id}/deaktivieren")
    assert db.session.get(OrgUnit, tree["a32"].id).is_active  # has active sub-units
    client.post(f"/organisation/{tree['sg321'].id}/deaktivieren")
    assert db.session.get(OrgUnit, tree["sg321"].id).is_active  # has a member
    member.unit_id = org.staff.unit_id = tree["sg322"].id
    db.session.commit()
    assert client.post(f"/organisation/{tree['sg321'].id}/deaktivieren").status_code == 303
    unit = db.session.get(OrgUnit, tree["sg321"].id)
    assert unit is not None and not unit.is_active
    assert client.post(f"/organisation/{tree['sg321'].id}/reaktivieren").status_code == 303
    assert db.session.get(OrgUnit, tree["sg321"].id).is_active


def test_org_tree_helpers(factory, org):
    tree = org.tree
    org = OrgTree.load()
    assert [u.name for u in org.ancestors(tree["sg321"].id)] == [
        "SG 32.1",
        "Amt 32",
        "Dezernat 2",
        "Landratsamt Test",
    ]
    assert org.path(tree["sg321"].id) == "Landratsamt Test/Dezernat 2/Amt 32/SG 32.1"
    assert org.descendant_ids(tree["d2"].id) == {tree[k].id for k in ("d2", "a32", "sg321", "sg322")}
    assert org.is_within(tree["sg322"].id, {tree["d2"].id})
    assert not org.is_within(tree["a10"].id, {tree["d2"].id})
    assert org.find_by_path(["Landratsamt Test", "Dezernat 2", "amt 32"]).id == tree["a32"].id
    assert org.depth(tree["sg321"].id) == 3


def test_unit_services_write_their_own_audit_entries(org):
    """Audit entries come from the services (whoever calls them: view, import, CLI)."""
    from intranet.org import services

    unit = services.create_unit(org.admin, "Team Neu", "team", org["sg321"])
    services.update_unit(org.admin, unit, "Team Umbenannt", "team", org["sg321"])
    services.deactivate_unit(org.admin, unit)
    services.reactivate_unit(org.admin, unit)
    db.session.commit()
    entries = db.session.execute(
        select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.object_id).order_by(AuditEntry.id)
    ).all()
    assert entries == [
        ("unit_created", org.admin.id, unit.id),
        ("unit_updated", org.admin.id, unit.id),
        ("unit_deactivated", org.admin.id, unit.id),
        ("unit_reactivated", org.admin.id, unit.id),
    ]


def test_deactivation_names_the_unit_or_tells_why_not(client, org, login_as):
    login_as(org.admin)
    refused = client.post(f"/organisation/{org['sg321'].id}/deaktivieren", follow_redirects=True)
    assert "noch 1 aktive Personen" in refused.get_data(as_text=True)
    empty = org.factory.unit("Leeres Team", org["a32"])
    done = client.post(f"/organisation/{empty.id}/deaktivieren", follow_redirects=True)
    assert "Die Einheit „Leeres Team“ wurde deaktiviert." in done.get_data(as_text=True)
