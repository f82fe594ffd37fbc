"""Running a job under a database lease (a second process never runs the same job at once) and
at most once per period (a second scheduler never runs it again for the same period)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlalchemy.exc import IntegrityError

from intranet import clock, timeouts
from intranet.extensions import db
from intranet.jobs.models import JobLease, JobRun
from intranet.sqlite_setup import write_intent

log = logging.getLogger(__name__)


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lease(name: str, holder: str, ttl: timedelta) -> bool:
    """Take the lease for `name` if it is free or expired; atomic on both databases."""
    now = clock.now()
    taken = db.session.execute(
        update(JobLease)
        .where(
            JobLease.name == name,
            or_(JobLease.locked_until.is_(None), JobLease.locked_until < now),
        )
        .values(holder=holder, locked_until=now + ttl, last_started_at=now)
    ).rowcount
    if taken:
        db.session.commit()
        return True
    if db.session.get(JobLease, name) is not None:
        db.session.rollback()
        return False
    try:
        db.session.add(JobLease(name=name, holder=holder, locked_until=now + ttl, last_started_at=now))
        db.session.commit()
        return True
    except IntegrityError:  # another process inserted it first
        db.session.rollback()
        return False


def release_lease(name: str, holder: str, result: str) -> None:
    db.session.execute(
        update(JobLease)
        .where(JobLease.name == name, JobLease.holder == holder)
        .values(locked_until=None, last_finished_at=clock.now(), last_result=result[:200])
    )
    db.session.commit()


RUNS_KEPT = timedelta(days=30)  # job_run rows older than this are removed at the next claim


def claim_period(name: str, period_start: datetime, holder: str) -> bool:
    """Insert the run of `name` for `period_start`; False if someone already has it (atomic on
    both databases through the unique key)."""
    now = clock.now()
    try:
        db.session.add(JobRun(name=name, period_start=period_start, started_at=now, holder=holder))
        db.session.flush()
        db.session.execute(delete(JobRun).where(JobRun.name == name, JobRun.period_start < now - RUNS_KEPT))
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        return False


def run_with_lease(name: str, func, ttl: timedelta = timedelta(minutes=10), period_start=None):
    """Run `func()` if this process gets the lease (and, with `period_start`, the period is
    still unclaimed); commit its work. Returns (ran, result)."""
    with write_intent(), timeouts.job_statements():
        return _run_with_lease(name, func, ttl, period_start)


def _run_with_lease(name: str, func, ttl: timedelta, period_start):
    holder = holder_id()
    if not acquire_lease(name, holder, ttl):
        log.info("Job %s läuft bereits in einem anderen Prozess – übersprungen.", name)
        return False, None
    if period_start is not None and not claim_period(name, period_start, holder):
        release_lease(name, holder, "schon gelaufen")
        log.info("Job %s lief schon für den Zeitraum ab %s – übersprungen.", name, period_start)
        return False, None
    try:
        result = func()
        db.session.commit()
    except Exception:
        db.session.rollback()
        release_lease(name, holder, "Fehler")
        log.exception("Job %s ist fehlgeschlagen.", name)
        raise
    release_lease(name, holder, f"ok: {result}")
    return True, result
