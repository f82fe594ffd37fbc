"""Atom feed (feedgen) and iCal calendar (icalendar) of published decisions."""

from __future__ import annotations

from datetime import timedelta

from feedgen.feed import FeedGenerator
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy.orm import selectinload

from intranet.decisions.models import Decision
from intranet.decisions.queries import RegisterFilter, apply_filter, published
from intranet.decisions.services import decision_url
from intranet.extensions import db
from intranet.notify.services import absolute_url
from intranet.urls import base_host

FEED_SIZE = 50


def feed_decisions(user, filters: RegisterFilter, limit: int = FEED_SIZE) -> list[Decision]:
    query = apply_filter(published(), filters, user).options(
        selectinload(Decision.affected_units), selectinload(Decision.topic)
    )
    return list(
        db.session.scalars(query.order_by(Decision.updated_at.desc(), Decision.id.desc()).limit(limit))
    )


def atom_feed(user, filters: RegisterFilter, self_url: str) -> bytes:
    """The newest published decisions (changed ones first), in the user's language."""
    organisation = current_app.config["LOTSE_ORGANISATION_NAME"]
    with force_locale(user.locale):
        generator = FeedGenerator()
        generator.id(absolute_url("/decisions/"))
        generator.title(_("Entscheidungen – %(organisation)s", organisation=organisation))
        generator.subtitle(_("Was die Leitung entschieden hat, warum, für wen und ab wann."))
        generator.link(href=absolute_url("/decisions/"), rel="alternate")
        generator.link(href=self_url, rel="self")
        generator.language(user.locale)
        for decision in reversed(feed_decisions(user, filters)):
            entry = generator.add_entry()
            url = absolute_url(decision_url(decision))
            entry.id(url)
            entry.link(href=url)
            entry.title(f"{decision.title} ({decision.status_label})")
            entry.published(decision.published_at)
            entry.updated(decision.updated_at)
            effective = decision.effective_date.strftime("%d.%m.%Y") if decision.effective_date else "–"
            entry.summary(_("Gilt ab %(date)s. %(summary)s", date=effective, summary=decision.summary))
            if decision.topic:
                entry.category(term=decision.topic.name)
    return generator.atom_str(pretty=False)


def ical_calendar(user, filters: RegisterFilter) -> bytes:
    """All-day events on the effective dates of published, not withdrawn decisions."""
    query = apply_filter(published(), filters, user).where(
        Decision.effective_date.is_not(None), Decision.status.in_(("decided", "implemented"))
    )
    decisions = db.session.scalars(query.order_by(Decision.effective_date).limit(500)).all()
    calendar = Calendar()
    calendar.add("prodid", "-//Lotse//Entscheidungen//DE")
    calendar.add("version", "2.0")
    host = base_host()
    with force_locale(user.locale):
        for decision in decisions:
            event = Event()
            event.add("uid", f"decision-{decision.id}@{host}")
            event.add("summary", _("Gilt ab heute: %(title)s", title=decision.title))
            event.add("dtstart", decision.effective_date)
            event.add("dtend", decision.effective_date + timedelta(days=1))
            event.add("dtstamp", decision.updated_at)
            event.add("description", decision.summary)
            event.add("url", absolute_url(decision_url(decision)))
            calendar.add_component(event)
    return calendar.to_ical()
