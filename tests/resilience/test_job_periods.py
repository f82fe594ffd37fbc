"""Jobs run once per period, however many schedulers (issue 16, finding 2)."""

import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from intranet import clock, create_app
from intranet.config import ConfigError
from intranet.extensions import db
from intranet.features import Job
from intranet.jobs.models import JobRun
from intranet.scheduler import job_table, period_start, run_job
from tests.conftest import TEST_CONFIG

START = datetime(2026, 12, 2, 9, 0, 5, tzinfo=UTC)


def test_periods_follow_the_schedule():
    mail, escalate, digest = (job_table()[name] for name in ("mail", "escalate", "digest"))
    assert period_start(mail, START + timedelta(seconds=50)) == START.replace(second=0)
    assert period_start(escalate, START + timedelta(minutes=4)) == START.replace(second=0)
    assert period_start(escalate, START + timedelta(minutes=5)) == START.replace(minute=5, second=0)
    # daily jobs: the German calendar day (23:30 UTC on 2 December is already 3 December there)
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    assert period_start(digest, late) == datetime(2026, 12, 2, 23, 0, tzinfo=UTC)


@pytest.mark.slow
def test_two_schedulers_run_each_job_once_per_period(app, monkeypatch):
    """Two schedulers (threads with their own connections) fire the same jobs at the same
    moments, over six minutes with a frozen clock: `mail` runs once a minute, `escalate` once
    per five minutes – not once per scheduler."""
    runs = {"mail": 0, "escalate": 0}
    lock = threading.Lock()

    def counting(name):
        def job():
            with lock:
                runs[name] += 1
            return "ok"

        return job

    table = {
        "mail": Job("mail", counting("mail"), "", "interval", {"minutes": 1}),
        "escalate": Job("escalate", counting("escalate"), "", "interval", {"minutes": 5}),
    }
    monkeypatch.setattr("intranet.scheduler.job_table", lambda: table)
    for minute in range(6):
        with clock.frozen(START + timedelta(minutes=minute)):
            barrier = threading.Barrier(2)

            def scheduler():
                barrier.wait(10)
                for name in ("mail", "escalate"):
                    run_job(app, name)

            threads = [threading.Thread(target=scheduler) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            for name in ("mail", "escalate"):  # a late third call in the same period: nothing
                run_job(app, name)
    assert runs == {"mail": 6, "escalate": 2}  # 09:00–09:05: minutes 0..5; periods 09:00 and 09:05
    periods = db.session.scalars(select(JobRun.period_start).where(JobRun.name == "mail")).all()
    assert len(periods) == len(set(periods)) == 6


def test_inprocess_scheduler_is_refused_under_gunicorn(database_url, monkeypatch):
    monkeypatch.setitem(sys.modules, "gunicorn", sys.modules.get("gunicorn") or object())
    with pytest.raises(ConfigError, match="flask scheduler"):
        create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, "LOTSE_SCHEDULER": "inprocess"})
