"""Issue 17: the "Zu erledigen" strip is a registry part (Feature.todos), sorted by due date."""

from datetime import date

from intranet import features
from intranet.features import Feature, NavEntry, Todo
from intranet.main import home


def test_pillars_declare_their_todos_in_the_registry():
    names = {feature.name for feature, _source in features.todo_sources()}
    assert {"decisions", "training", "guides"} <= names


def test_todos_are_sorted_by_due_date_undated_last(monkeypatch):
    nav = NavEntry("x.index", "X")
    fake = Feature(
        name="fake",
        nav=nav,
        todos=(
            lambda user: [
                Todo("ohne Datum", "Los", "/a"),
                Todo("später", "Los", "/b", date(2030, 2, 1)),
                Todo("früher", "Los", "/c", date(2030, 1, 1)),
            ],
        ),
    )
    monkeypatch.setattr(features, "todo_sources", lambda: [(fake, source) for source in fake.todos])
    assert [todo.text for _nav, todo in home.load_todos(None)] == ["früher", "später", "ohne Datum"]
