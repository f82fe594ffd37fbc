"""Issue 17: the long organisation tree folds by level (<details>) and can be filtered (no JavaScript)."""


def test_levels_fold_and_the_way_to_my_unit_is_open(client, login_as, org):
    login_as(org.staff)
    html = client.get("/organisation/").text
    assert html.count('<details class="tree-branch"') >= 3
    # the staff member's own chain (Dezernat 2 → Amt 32) is open, a sibling branch is not
    assert f'id="unit-{org["a32"].id}" class="">\n    <details class="tree-branch" open>' in html
    assert f'id="unit-{org["d1"].id}" class="">\n    <details class="tree-branch">' in html


def test_filter_shows_matches_with_their_way_down_only(client, login_as, org):
    login_as(org.staff)
    html = client.get("/organisation/?q=32.2").text
    assert "1 Einheit gefunden" in html
    assert "<mark>SG 32.2</mark>" in html
    assert f'id="unit-{org["a32"].id}"' in html  # the way down is shown
    assert f'id="unit-{org["a10"].id}"' not in html  # other branches are not
    assert 'value="32.2"' in html


def test_filter_survives_hostile_input(client, login_as, org):
    login_as(org.staff)
    response = client.get("/organisation/?q=" + "x" * 60000)
    assert response.status_code in (200, 414)
    assert client.get("/organisation/?q=%3Cscript%3E").status_code == 200
    assert "<script>" not in client.get("/organisation/?q=%3Cscript%3E").text.split("<main", 1)[1]
