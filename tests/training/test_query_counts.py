"""The number of SQL queries per page does not grow with the data (1× vs 10×)."""

from intranet.extensions import db
from intranet.training import learning


def _grow(factory, builder, tree, scale):
    """scale paths with 8 steps each, 6 × scale learners with progress in every path."""
    paths = [
        builder.path(
            title=f"Pfad {scale}-{i}",
            kinds=("read", "quiz", "session", "practice") * 2,
            capacity=100,
            sequential=False,
        )
        for i in range(scale)
    ]
    learners = [factory.user(unit=tree["sg321" if i % 2 else "sg322"]) for i in range(6 * scale)]
    for path in paths:
        for learner in learners:
            enrolment = learning.enrol(learner, path)
            learning.complete_step(learner, enrolment, path.steps[0])
            learning.request_practice(learner, enrolment, path.steps[3], "")
    db.session.commit()
    return paths


def _counts(client, count_queries, urls):
    result = {}
    for name, url in urls.items():
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        result[name] = counter.count
    return result


def _measure(client, factory, builder, login_as, count_queries, scale, org):
    tree = org.tree
    paths = _grow(factory, builder, tree, scale)
    me = factory.user(unit=tree["sg321"])
    path = paths[0]
    enrolment = learning.enrol(me, path)
    learning.complete_step(me, enrolment, path.steps[0])
    db.session.commit()
    login_as(me)
    urls = {
        "catalogue": "/lernpfade/",
        "path": f"/lernpfade/{path.id}",
        "quiz step": f"/lernpfade/{path.id}/schritte/{path.steps[1].id}",
        "home": "/",
    }
    mine = _counts(client, count_queries, urls)
    login_as(org.leader)
    mine.update(_counts(client, count_queries, {"report": f"/lernpfade/bericht?path={path.id}"}))
    login_as(org.admin)
    mine.update(_counts(client, count_queries, {"editor": f"/lernpfade/{path.id}/aufbau"}))
    login_as(org.guide)
    mine.update(_counts(client, count_queries, {"practice inbox": "/lernpfade/praxisnachweise"}))
    return mine


def test_query_counts_do_not_grow(client, factory, org, builder, login_as, count_queries, app):
    small = _measure(client, factory, builder, login_as, count_queries, 1, org)
    large = _measure(client, factory, builder, login_as, count_queries, 10, org)
    assert small == large, (small, large)
    assert small["catalogue"] <= 12 and small["path"] <= 12 and small["report"] <= 10, small
    assert small["home"] <= 20, small
