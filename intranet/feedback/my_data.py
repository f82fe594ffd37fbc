"""„Meine Daten“: the person's named posts, comments, supports and reports.

Anonymous posts, comments and supports have no author reference, so they cannot and do
not appear here – which is the point.
"""

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from intranet.feedback import queries
from intranet.main.my_data import MyDataSection


def section(user) -> MyDataSection:
    posts, comments, supports, reports = queries.named_activity(user)
    kind, text, day = str(_l("Art")), str(_l("Text")), str(_l("Datum"))
    rows = [{kind: str(_l("Beitrag")), day: format_date(p.created_on), text: p.title} for p in posts]
    rows += [
        {kind: str(_l("Kommentar")), day: format_date(c.created_on), text: c.body[:200]} for c in comments
    ]
    rows += [{kind: str(_l("Betrifft mich auch")), day: "", text: f"#{s.post_id}"} for s in supports]
    rows += [{kind: str(_l("Meldung")), day: "", text: r.reason[:200]} for r in reports]
    return MyDataSection(
        _l("Feedback & Fehlerkultur (nur Beiträge mit Namen)"),
        _l(
            "Beiträge und Kommentare: alle Beschäftigten; Meldungen: die Moderation. Anonyme "
            "Beiträge sind mit Ihnen nicht verknüpft und erscheinen deshalb hier nicht."
        ),
        rows,
    )
