"""Running a job under a database lease: a second process never runs the same job at once."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from intranet import clock, timeouts
from intranet.extensions import db
from intranet.jobs.models import JobLease
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


def run_with_lease(name: str, func, ttl: timedelta = timedelta(minutes=10)):
    """Run `func()` if this process gets the lease; commit its work. Returns (ran, result)."""
    with write_intent(), timeouts.job_statements():
        return _run_with_lease(name, func, ttl)


def _run_with_lease(name: str, func, ttl: timedelta):
    holder = holder_id()
    if not acquire_lease(name, holder, ttl):
        log.info("Job %s läuft bereits in einem anderen Prozess – übersprungen.", name)
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
