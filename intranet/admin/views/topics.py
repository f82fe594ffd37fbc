"""Admins maintain the shared topics (E-Akte, Datenschutz …) used by every pillar."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet import permissions as perm
from intranet.admin import queries
from intranet.admin.forms import TopicForm
from intranet.admin.views import bp
from intranet.domain import attempt
from intranet.hx import redirect_after_post
from intranet.topics import services


@bp.route("/themen", methods=["GET", "POST"])
def topics():
    perm.require(perm.can_manage_topics(current_user))
    form = TopicForm()
    if form.validate_on_submit() and attempt(
        lambda: services.save_topic(current_user, None, form.name.data, form.description.data),
        form=form,
        success=lambda topic: _("Das Thema „%(name)s“ wurde angelegt.", name=topic.name),
    ):
        return redirect_after_post(url_for("admin.topics"))
    return render_template("admin/topics.html", form=form, topics=queries.all_topics()), (
        422 if form.errors else 200
    )


@bp.route("/themen/<int:topic_id>", methods=["GET", "POST"])
def edit_topic(topic_id):
    perm.require(perm.can_manage_topics(current_user))
    topic = queries.get_topic_or_404(topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit() and attempt(
        lambda: services.save_topic(current_user, topic, form.name.data, form.description.data),
        form=form,
        success=_("Das Thema wurde gespeichert."),
    ):
        return redirect_after_post(url_for("admin.topics"))
    return render_template("admin/topic_form.html", form=form, topic=topic), (422 if form.errors else 200)


def _toggled(topic) -> str:
    if topic.is_active:
        return _("„%(name)s“ ist jetzt aktiv.", name=topic.name)
    return _("„%(name)s“ ist jetzt ausgeblendet; bestehende Inhalte behalten das Thema.", name=topic.name)


@bp.post("/themen/<int:topic_id>/status")
def toggle_topic(topic_id):
    perm.require(perm.can_manage_topics(current_user))
    topic = queries.get_topic_or_404(topic_id)
    attempt(lambda: services.toggle_topic(current_user, topic), success=_toggled)
    return redirect_after_post(url_for("admin.topics"))
