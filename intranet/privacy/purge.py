"""The daily `purge` job: every category past its retention period is deleted or anonymised.

It runs under the job lease (`intranet.jobs.runner`), so two schedulers never purge at once,
and each step is a plain "older than the cutoff" statement, so a second run finds nothing
left to do (idempotent). The log and the lease record counts per category, never content.
"""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l

from intranet import clock, features
from intranet.domain import DomainError
from intranet.extensions import db
from intranet.jobs.models import JobLease
from intranet.jobs.runner import run_with_lease
from intranet.privacy import retention

log = logging.getLogger(__name__)
JOB_NAME = "purge"


def purge() -> str:
    """Delete or anonymise everything past its retention period; return counts per category."""
    now = clock.now()
    counts = {}
    for category in features.data_categories():
        if category.purge is None:
            continue
        counts[category.key] = int(category.purge(retention.cutoff(category.retention, now)) or 0)
        db.session.flush()
        db.session.expire_all()
    summary = ", ".join(f"{key}={count}" for key, count in counts.items())
    log.info("Bereinigung nach Aufbewahrungsfristen: %s", summary)
    return summary


class PurgeRunning(DomainError):
    pass


def run_now() -> str:
    """Run the purge at once (admin button), under the same lease as the scheduled job."""
    ran, result = run_with_lease(JOB_NAME, purge)
    if not ran:
        raise PurgeRunning(
            _l(
                "Die Bereinigung läuft gerade schon. Bitte warten Sie einige Minuten "
                "und laden Sie die Seite neu."
            )
        )
    return result


def last_run() -> JobLease | None:
    return db.session.get(JobLease, JOB_NAME)
