"""Upgrading an empty database with Alembic yields exactly the models (no autogenerate diff)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask_migrate import upgrade

from intranet import create_app
from intranet.extensions import db
from tests.conftest import TEST_CONFIG, temporary_database

pytestmark = pytest.mark.slow  # concurrency and whole-schema runs take seconds each


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path_factory):
    with temporary_database(request.param, tmp_path_factory) as url:
        yield url


def test_upgrade_from_empty_matches_models(empty_database):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": empty_database})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == [], "\n".join(str(change) for change in diff)


def test_upgrade_downgrade_to_base_and_upgrade_again(empty_database):
    """Every migration can be undone: up to head, down to nothing, up again – on both databases."""
    from flask_migrate import downgrade
    from sqlalchemy import inspect

    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": empty_database})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        with db.engine.connect() as connection:
            left = set(inspect(connection).get_table_names()) - {"alembic_version"}
        assert left == set()
        upgrade()
        with db.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        db.engine.dispose()
    assert {table.name for table in db.metadata.sorted_tables} <= tables


def test_file_names_follow_the_chain():
    """Migration files sort by name in the order Alembic applies them: one head, no branches,
    so `ls migrations/versions` reads as the history."""
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    root = Path(__file__).resolve().parent.parent / "migrations"
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root))
    scripts = ScriptDirectory.from_config(config)
    assert len(scripts.get_heads()) == 1, f"mehrere Köpfe: {scripts.get_heads()}"
    chain = [Path(script.path).name for script in reversed(list(scripts.walk_revisions()))]
    assert chain == sorted(chain), "Dateinamen folgen nicht der Kette:\n" + "\n".join(chain)
