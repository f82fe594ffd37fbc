"""„Meine Daten“: the person's questions, answers and guide profile."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from intranet.guides import queries
from intranet.main.my_data import MyDataSection


def section(user) -> MyDataSection:
    questions = queries.questions_asked_by(user)
    answers = queries.posts_written_by(user)
    profile = queries.profile_of(user)
    rows = [
        {
            str(_l("Art")): str(_l("Frage")),
            str(_l("Zeit")): format_datetime(q.created_at, "short"),
            str(_l("Text")): q.title,
            str(_l("Sichtbarkeit")): str(_l("privat")) if q.is_private else str(_l("öffentlich")),
        }
        for q in questions
    ]
    rows += [
        {
            str(_l("Art")): str(_l("Antwort")),
            str(_l("Zeit")): format_datetime(a.created_at, "short"),
            str(_l("Text")): a.body[:200],
            str(_l("Sichtbarkeit")): "",
        }
        for a in answers
    ]
    if profile is not None:
        rows.append(
            {
                str(_l("Art")): str(_l("Lotsenprofil")),
                str(_l("Zeit")): "",
                str(_l("Text")): profile.note or "",
                str(_l("Sichtbarkeit")): str(_l("abwesend")) if profile.is_absent else "",
            }
        )
    return MyDataSection(
        _l("Lotsen & Fragen"),
        _l(
            "Öffentliche Fragen und Antworten: alle Beschäftigten; private Fragen: Sie und die "
            "zuständigen Lotsinnen und Lotsen."
        ),
        rows,
    )
