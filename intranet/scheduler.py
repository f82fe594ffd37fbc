"""The scheduler wiring for every feature's background jobs.

Jobs are declared in each feature's `feature.py`; they are service functions. Each runs as
`flask jobs run NAME` (cron/systemd) or under APScheduler in exactly one process
(`flask scheduler`, or in-process for `make run`). A database lease keeps a job single even if two
schedulers are started by mistake.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from intranet import features
from intranet.features import Job
from intranet.jobs.runner import run_with_lease

log = logging.getLogger(__name__)


def job_table() -> dict[str, Job]:
    """Every feature's jobs by name (declared in each `feature.py`)."""
    return features.jobs()


def run_job(app, name: str):
    """Run one job by name inside an app context, under its lease."""
    job = job_table()[name]
    with app.app_context():
        return run_with_lease(name, job.function)


def build_scheduler(app, blocking: bool):
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = scheduler_class(timezone=app.config["BABEL_DEFAULT_TIMEZONE"])
    for job in job_table().values():
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
