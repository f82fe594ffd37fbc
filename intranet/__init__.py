"""Lotse – the intranet that carries municipal staff through digital change."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intranet.config import load_config, trusted_hosts
from intranet.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict | None = None) -> Flask:
    """The only application factory."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(Path(app.instance_path)))
    if overrides:
        app.config.update(overrides)
    if "TRUSTED_HOSTS" not in (overrides or {}):
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    _configure_logging(app)

    from intranet import timeouts

    timeouts.configure(app.config)

    from intranet.security import TrustedHostMiddleware

    if app.config["TRUSTED_HOSTS"]:
        app.wsgi_app = TrustedHostMiddleware(app.wsgi_app, app.config["TRUSTED_HOSTS"])
    if app.config["LOTSE_PROXY_COUNT"]:
        # Only the headers the documented proxy configuration sets (README): a client's own
        # X-Forwarded-Host must not change the host Lotse believes it is served under.
        count = app.config["LOTSE_PROXY_COUNT"]
        host = count if app.config["LOTSE_PROXY_FORWARDS_HOST"] else 0
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=host)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from intranet import features, hx, i18n, security, sqlite_setup

    sqlite_setup.init_app(app)
    i18n.init_app(app, babel)
    security.init_app(app)
    hx.init_app(app)

    import intranet.jobs.models  # noqa: F401 - tables without a blueprint of their own
    import intranet.topics.models  # noqa: F401

    features.register(app)

    from intranet import cli, errors, templating

    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    _maybe_start_scheduler(app)
    return app


def _configure_logging(app: Flask) -> None:
    if not app.logger.handlers or app.config["LOTSE_ENV"] == "production":
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _maybe_start_scheduler(app: Flask) -> None:
    """In-process scheduler for the embedded default (`make run`); production uses `flask scheduler`.

    Refused under gunicorn: every worker of every master would start a scheduler of its own."""
    if app.config["LOTSE_SCHEDULER"] != "inprocess":
        return
    if "gunicorn" in sys.modules:
        from intranet.config import ConfigError

        raise ConfigError(
            "LOTSE_SCHEDULER=inprocess ist unter gunicorn nicht erlaubt: jeder Worker würde einen "
            "eigenen Scheduler starten. Setzen Sie LOTSE_SCHEDULER=off und starten Sie genau einen "
            "Scheduler je Installation mit `flask scheduler` (systemd-Dienst)."
        )
    if app.config["TESTING"]:
        return
    from intranet.scheduler import build_scheduler

    scheduler = build_scheduler(app, blocking=False)
    scheduler.start()
    app.extensions["lotse_scheduler"] = scheduler
