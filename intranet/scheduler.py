"""The jobs table: every background job, its schedule, and the scheduler wiring.

Jobs are thin wrappers around service functions. Each runs as `flask jobs run NAME`
(cron/systemd) or under APScheduler in exactly one process (`flask scheduler`, or
in-process for `make run`). A database lease keeps a job single even if two
schedulers are started by mistake.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from intranet.jobs.runner import run_with_lease

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    target: str  # "module:function", imported when the job runs
    description: str
    trigger: str  # APScheduler trigger: "interval" or "cron"
    schedule: dict

    def function(self):
        module_name, func_name = self.target.split(":")
        return getattr(importlib.import_module(module_name), func_name)


JOBS: dict[str, Job] = {
    job.name: job
    for job in [
        Job(
            "escalate",
            "intranet.guides.jobs:escalate",
            "Leitet unbeantwortete Fragen nach Fristablauf an die nächste Ebene weiter.",
            "interval",
            {"minutes": 5},
        ),
        Job(
            "warn-deadline",
            "intranet.guides.jobs:warn",
            "Erinnert Lotsen kurz vor Ablauf der Antwortfrist.",
            "interval",
            {"minutes": 5},
        ),
        Job(
            "mail",
            "intranet.notify.services:deliver_outbox",
            "Versendet wartende E-Mails aus dem Postausgang.",
            "interval",
            {"minutes": 1},
        ),
        Job(
            "digest",
            "intranet.notify.services:send_digests",
            "Tägliche Zusammenfassung für alle, die sie gewählt haben.",
            "cron",
            {"hour": 7, "minute": 0},
        ),
        Job(
            "training-reminders",
            "intranet.training.jobs:training_reminders",
            "Erinnert 14 und 3 Tage vor dem Termin an zugewiesene Lernpfade.",
            "cron",
            {"hour": 6, "minute": 30},
        ),
        Job(
            "feedback-new-posts",
            "intranet.feedback.jobs:notify_new_posts",
            "Sagt Leitung und Administration, wie viele Feedback-Beiträge gestern kamen.",
            "cron",
            {"hour": 7, "minute": 15},
        ),
        Job(
            "decision-reminders",
            "intranet.decisions.jobs:run_reminders",
            "Erinnert an offene Fragen zu Entscheidungen, Überprüfungstermine und Kenntnisnahmen.",
            "cron",
            {"hour": 6, "minute": 45},
        ),
    ]
}


def run_job(app, name: str):
    """Run one job by name inside an app context, under its lease."""
    job = JOBS[name]
    with app.app_context():
        return run_with_lease(name, job.function())


def build_scheduler(app, blocking: bool):
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = scheduler_class(timezone=app.config["BABEL_DEFAULT_TIMEZONE"])
    for job in JOBS.values():
        scheduler.add_job(
            run_job,
            job.trigger,
            args=[app, job.name],
            id=job.name,
            name=job.description,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=300,
            **job.schedule,
        )
    return scheduler
