"""Command line: seed-demo, jobs, scheduler, create-admin, import-staff."""

import click
from flask import current_app
from flask.cli import with_appcontext

from intranet.extensions import db


def init_app(app) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(jobs)
    app.cli.add_command(scheduler)
    app.cli.add_command(create_admin)
    app.cli.add_command(import_staff)


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Build the demo Landratsamt (idempotent)."""
    from intranet.demo import seed_all

    seed_all(log=click.echo)
    click.echo("Demo-Zugänge (Passwort „demo“): mitarbeiterin@, lotse@, leitung@, admin@lotse.example")


@click.group()
def jobs():
    """Background jobs (for cron/systemd or by hand)."""


@jobs.command("list")
def list_jobs():
    from intranet.scheduler import job_table

    for job in job_table().values():
        click.echo(f"{job.name:22} {job.trigger:8} {job.schedule}  {job.description}")


@jobs.command("run")
@click.argument("name")
def run_job_command(name):
    """Run one job now (under its lease)."""
    from intranet.scheduler import job_table, run_job

    if name not in job_table():
        raise click.UsageError(f"Unbekannter Job {name!r}. Bekannt: {', '.join(job_table())}")
    ran, result = run_job(current_app._get_current_object(), name)
    click.echo(
        f"{name}: {result}"
        if ran
        else f"{name}: läuft bereits woanders oder lief schon in diesem Zeitraum – übersprungen"
    )


@click.command("scheduler")
def scheduler():
    """Run the job scheduler in the foreground (exactly one per installation)."""
    from intranet.scheduler import build_scheduler

    click.echo("Lotse-Scheduler läuft. Beenden mit Strg+C.")
    build_scheduler(current_app._get_current_object(), blocking=True).start()


@click.command("create-admin")
@click.option("--email", prompt="E-Mail")
@click.option("--name", prompt="Name")
@click.option("--password", prompt="Passwort", hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_admin(email, name, password):
    """Create the first admin account (and a top unit if none exists)."""
    from intranet.auth import services
    from intranet.org.services import create_unit, org_tree

    roots = org_tree().roots()
    unit = (
        roots[0]
        if roots
        else create_unit(None, current_app.config["LOTSE_ORGANISATION_NAME"], "verwaltung", None)
    )
    try:
        user = services.create_user(None, email, name, unit.id, password=password)
        services.set_roles(None, user, {("admin", None)})
    except services.AccountError as error:
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Administrationskonto {user.email} angelegt.")


@click.command("import-staff")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--create-units", is_flag=True, help="Fehlende Einheiten anlegen")
@with_appcontext
def import_staff(path, create_units):
    """Import staff and units from a CSV file (all or nothing)."""
    from intranet.org.importer import ImportFailed
    from intranet.org.importer import import_staff as run_import

    try:
        with open(path, "rb") as handle:
            result = run_import(None, handle.read(), create_units)
    except ImportFailed as failure:
        db.session.rollback()
        for line, message in failure.errors:
            click.echo(f"Zeile {line}: {message}", err=True)
        raise click.ClickException("Nichts importiert.") from None
    db.session.commit()
    click.echo(
        f"{result.created} neu, {result.updated} geändert, {result.unchanged} "
        f"unverändert, {result.units_created} Einheiten angelegt."
    )
