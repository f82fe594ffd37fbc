"""„Meine Daten“: the person's pilot sign-ups, including their motivation."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from intranet.main.my_data import MyDataSection
from intranet.pilots import queries


def section(user) -> MyDataSection:
    signups = queries.all_signups_of(user)
    return MyDataSection(
        _l("Pilotprojekte"),
        _l(
            "Die Verantwortlichen des jeweiligen Pilotprojekts und die Administration; "
            "Ihre Begründung sehen nur sie."
        ),
        [
            {
                str(_l("Pilotprojekt")): s.pilot.title,
                str(_l("Status")): s.status,
                str(_l("Angemeldet")): format_datetime(s.created_at, "short"),
                str(_l("Begründung")): s.motivation,
            }
            for s in signups
        ],
    )
