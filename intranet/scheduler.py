"""The scheduler wiring for every feature's background jobs.

Jobs are declared in each feature's `feature.py`; they are service functions. Each runs as
`flask jobs run NAME` (cron/systemd) or under APScheduler in exactly one process
(`flask scheduler`, or in-process for `make run`, never under gunicorn). A database lease keeps a
job single even if two schedulers are started by mistake, and each run claims its period (the
minute, the five minutes, the day), so two schedulers never both run a job for the same period.
"""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from intranet import clock, features
from intranet.features import Job
from intranet.jobs.runner import run_with_lease

log = logging.getLogger(__name__)


def job_table() -> dict[str, Job]:
    """Every feature's jobs by name (declared in each `feature.py`)."""
    return features.jobs()


PERIOD_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def period_start(job: Job, now: datetime) -> datetime:
    """The start of the period `now` falls in: multiples of the interval for interval jobs, the
    German calendar day for cron jobs (every cron job of Lotse runs at most daily)."""
    if job.trigger == "interval":
        seconds = timedelta(**job.schedule).total_seconds()
        periods = math.floor((now - PERIOD_EPOCH).total_seconds() / seconds)
        return PERIOD_EPOCH + timedelta(seconds=periods * seconds)
    local = now.astimezone(clock.LOCAL_TZ)
    return datetime(local.year, local.month, local.day, tzinfo=clock.LOCAL_TZ).astimezone(UTC)


def run_job(app, name: str):
    """Run one job by name inside an app context, under its lease, once for its period."""
    job = job_table()[name]
    with app.app_context():
        return run_with_lease(name, job.function, period_start=period_start(job, clock.now()))


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
