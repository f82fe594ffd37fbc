"""Queries per page do not grow with the data: board, a post with 200 comments, moderation."""

from intranet.extensions import db
from intranet.feedback import moderation, services
from intranet.feedback.panels import home_panel
from tests.feedback.conftest import idea, lesson


def _posts(org, people, count, start=0):
    posts = []
    for number in range(start, start + count):
        draft = (
            lesson(title=f"Lernerfahrung {number}")
            if number % 2
            else idea(title=f"Idee {number}", unit_id=org["sg321"].id)
        )
        post = (
            services.create_anonymous_post(draft)[0]
            if number % 3 == 0
            else services.create_named_post(people.staff[number % 6], draft)
        )
        services.support(people.staff[(number + 1) % 6], post)
        posts.append(post)
    db.session.commit()
    return posts


def _queries(client, count_queries, path):
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return counter.count


def test_board_queries_are_constant(client, login_as, org, count_queries, people):
    login_as(people.staff[1])
    paths = ("/feedback/", "/feedback/?sort=support", f"/feedback/?kind=idea&unit={org['a32'].id}")
    _posts(org, people, 3)
    small = [_queries(client, count_queries, path) for path in paths]
    _posts(org, people, 30, start=3)
    large = [_queries(client, count_queries, path) for path in paths]
    assert small == large
    assert max(large) <= 12


def test_post_with_200_comments_is_constant(client, login_as, make_post, count_queries, people):
    post = make_post()
    login_as(people.staff[1])
    for number in range(20):
        services.add_named_comment(people.staff[number % 6], post, f"Kommentar {number}")
    db.session.commit()
    small = _queries(client, count_queries, f"/feedback/{post.id}")
    for number in range(180):
        if number % 2:
            services.add_anonymous_comment(post, f"Anonym {number}")
        else:
            services.add_named_comment(people.staff[number % 6], post, f"Kommentar {number}")
    db.session.commit()
    large = _queries(client, count_queries, f"/feedback/{post.id}")
    assert post.comment_count == 200
    assert small == large and large <= 12


def test_moderation_queue_is_constant(client, login_as, org, count_queries, people):
    login_as(org.admin)

    def report_and_hide(posts):
        for index, post in enumerate(posts):
            moderation.report_post(people.staff[1], post, "Unsachlich")
            moderation.report_post(people.staff[2], post, "Finde ich auch")
            if index % 3 == 0:
                moderation.hide_post(org.admin, post, "Regelverstoß")
        db.session.commit()

    report_and_hide(_posts(org, people, 3))
    small = _queries(client, count_queries, "/feedback/moderation")
    report_and_hide(_posts(org, people, 30, start=3))
    large = _queries(client, count_queries, "/feedback/moderation")
    assert small == large and large <= 10


def test_home_panel_is_one_query(org, make_post, count_queries, people):
    for number in range(6):
        post = make_post(idea(title=f"Idee {number}"))
        moderation.change_status(org.admin, post, "seen", "")
    db.session.commit()
    with count_queries() as counter:
        answers = home_panel(people.staff[1])["answers"]
        titles = [change.post.title for change in answers]
    assert len(titles) == 5 and counter.count <= 2
