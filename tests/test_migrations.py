"""Upgrading an empty database with Alembic yields exactly the models (no autogenerate diff)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask_migrate import upgrade

from intranet import create_app
from intranet.extensions import db
from tests.conftest import TEST_CONFIG, temporary_database


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
