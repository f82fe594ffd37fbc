"""Admins maintain the shared topics (E-Akte, Datenschutz …) used by every pillar."""

from flask import flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from intranet import permissions
from intranet.admin.forms import TopicForm
from intranet.admin.views import bp
from intranet.audit.services import record
from intranet.extensions import db
from intranet.hx import redirect_after_post
from intranet.topics.models import Topic
from intranet.topics.services import TopicError, save_topic


@bp.route("/topics", methods=["GET", "POST"])
def topics():
    permissions.require(permissions.can_manage_topics(current_user))
    form = TopicForm()
    if form.validate_on_submit():
        try:
            topic = save_topic(None, form.name.data, form.description.data)
        except TopicError as error:
            form.name.errors.append(error.message)
        else:
            record(current_user, "topic_created", topic, summary=topic.name)
            db.session.commit()
            flash(_("Das Thema „%(name)s“ wurde angelegt.", name=topic.name), "success")
            return redirect_after_post(url_for("admin.topics"))
    all_topics = db.session.scalars(select(Topic).order_by(Topic.is_active.desc(), Topic.name)).all()
    return render_template("admin/topics.html", form=form, topics=all_topics), (422 if form.errors else 200)


@bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
def edit_topic(topic_id):
    permissions.require(permissions.can_manage_topics(current_user))
    topic = db.get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        try:
            save_topic(topic, form.name.data, form.description.data)
        except TopicError as error:
            db.session.rollback()
            form.name.errors.append(error.message)
        else:
            record(current_user, "topic_updated", topic, summary=topic.name)
            db.session.commit()
            flash(_("Das Thema wurde gespeichert."), "success")
            return redirect_after_post(url_for("admin.topics"))
    return render_template("admin/topic_form.html", form=form, topic=topic), (422 if form.errors else 200)


@bp.post("/topics/<int:topic_id>/toggle")
def toggle_topic(topic_id):
    permissions.require(permissions.can_manage_topics(current_user))
    topic = db.get_or_404(Topic, topic_id)
    topic.is_active = not topic.is_active
    record(
        current_user, "topic_activated" if topic.is_active else "topic_deactivated", topic, summary=topic.name
    )
    db.session.commit()
    flash(
        _("„%(name)s“ ist jetzt aktiv.", name=topic.name)
        if topic.is_active
        else _("„%(name)s“ ist jetzt ausgeblendet; bestehende Inhalte behalten das Thema.", name=topic.name),
        "success",
    )
    return redirect_after_post(url_for("admin.topics"))
