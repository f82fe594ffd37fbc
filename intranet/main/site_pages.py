"""Default texts of the admin-editable pages and loading them."""

from flask import current_app
from flask_babel import gettext as _

from intranet.audit.services import record
from intranet.extensions import db
from intranet.main.models import SitePage

SLUGS = ("barrierefreiheit", "barriere-melden", "datenschutz")


def default_page(slug: str) -> SitePage:
    org = current_app.config["LOTSE_ORGANISATION_NAME"]
    contact = current_app.config["LOTSE_BARRIER_CONTACT"]
    texts = {
        "barrierefreiheit": (
            _("Erklärung zur Barrierefreiheit"),
            _(
                "Das %(org)s ist bemüht, das Intranet Lotse im Einklang mit der "
                "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich "
                "zu machen.\n\n## Stand der Vereinbarkeit\n\nLotse ist weitgehend mit den "
                "Anforderungen der WCAG 2.1 (Stufe AA) vereinbar. Jede Seite wird automatisch "
                "mit axe-core geprüft und ist vollständig mit der Tastatur bedienbar.\n\n"
                "## Barrieren melden\n\nSind Ihnen Barrieren aufgefallen? Schreiben Sie uns an "
                "%(contact)s oder nutzen Sie die Seite „Barriere melden“.\n\n"
                "## Schlichtungsverfahren\n\nWenn auch nach Ihrer Meldung keine "
                "zufriedenstellende Lösung gefunden wurde, können Sie sich an die "
                "Schlichtungsstelle Ihres Landes wenden.",
                org=org,
                contact=contact,
            ),
        ),
        "barriere-melden": (
            _("Barriere melden"),
            _(
                "Wenn Sie eine Seite oder Funktion in Lotse nicht oder nur schwer nutzen "
                "können, sagen Sie es uns bitte.\n\nSchreiben Sie eine E-Mail an %(contact)s. "
                "Nennen Sie die Seite, was Sie tun wollten und welche Hilfsmittel Sie nutzen "
                "(z. B. Bildschirmleser, Vergrößerung). Wir antworten innerhalb von zwei "
                "Wochen.",
                contact=contact,
            ),
        ),
        "datenschutz": (
            _("Datenschutzhinweise"),
            _(
                "Lotse verarbeitet Ihre Daten zur Durchführung des Beschäftigungsverhältnisses "
                "(§ 15 LDSG / Art. 88 DSGVO) und nur für die Zwecke dieses Intranets.\n\n"
                "- Es gibt keine Auswertung Ihrer individuellen Leistung.\n"
                "- Führungskräfte sehen nur zusammengefasste Zahlen ab %(k)d Personen.\n"
                "- Anonyme Beiträge speichern keinerlei Bezug zu Ihrer Person.\n\n"
                "Unter „Meine Daten“ sehen Sie, was über Sie gespeichert ist.",
                k=current_app.config["LOTSE_ANONYMITY_K"],
            ),
        ),
    }
    title, body = texts[slug]
    return SitePage(slug=slug, title=title, body=body)


def load_page(slug: str) -> SitePage:
    """The stored page, or its default text when an admin has not edited it yet."""
    return db.session.get(SitePage, slug) or default_page(slug)


def save_page(actor, slug: str, title: str, body: str) -> SitePage:
    """Store an admin's version of a page. Audited."""
    page = db.session.get(SitePage, slug)
    if page is None:
        page = SitePage(slug=slug)
        db.session.add(page)
    page.title, page.body, page.updated_by_id = title.strip(), body, actor.id
    record(actor, "site_page_updated", None, summary=slug)
    return page
