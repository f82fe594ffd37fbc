"""Jobs: each runs under a database lease, also as `flask jobs run NAME`."""

import threading
from datetime import timedelta

from intranet.extensions import db
from intranet.jobs.runner import acquire_lease, release_lease, run_with_lease
from intranet.scheduler import build_scheduler, job_table


def test_lease_is_exclusive_until_released(app):
    assert acquire_lease("demo", "a", timedelta(minutes=5))
    assert not acquire_lease("demo", "b", timedelta(minutes=5))
    release_lease("demo", "a", "ok")
    assert acquire_lease("demo", "b", timedelta(minutes=5))


def test_expired_lease_can_be_taken_over(app):
    assert acquire_lease("demo", "a", timedelta(seconds=-1))
    assert acquire_lease("demo", "b", timedelta(minutes=5))


def test_two_processes_never_run_the_same_job_at_once(app):
    """A thread with its own connection stands in for a second scheduler process."""
    inside = threading.Event()
    release = threading.Event()
    results = {}

    def slow_job():
        inside.set()
        release.wait(10)
        return "fertig"

    def worker(name):
        with app.app_context():
            results[name] = run_with_lease("slow", slow_job)
            db.session.remove()

    first = threading.Thread(target=worker, args=("first",))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=worker, args=("second",))
    second.start()
    second.join(15)  # the second one must give up at once, not wait for the first
    assert results.get("second") == (False, None)
    release.set()
    first.join(15)
    assert results["first"] == (True, "fertig")
    assert run_with_lease("slow", lambda: "wieder frei") == (True, "wieder frei")


def test_cli_runs_job_by_name(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobs", "run", "mail"])
    assert result.exit_code == 0, result.output
    assert "mail: 0" in result.output
    result = runner.invoke(args=["jobs", "run", "gibt-es-nicht"])
    assert result.exit_code != 0 and "Unbekannter Job" in result.output
    listing = runner.invoke(args=["jobs", "list"]).output
    assert all(name in listing for name in job_table())


def test_scheduler_registers_every_job_once(app):
    scheduler = build_scheduler(app, blocking=False)
    assert sorted(job.id for job in scheduler.get_jobs()) == sorted(job_table())
    assert all(job.max_instances == 1 for job in scheduler.get_jobs())
