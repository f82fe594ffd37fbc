"""account retention: when an account was deactivated and erased

Revision ID: 7b2e9c41d5a0
Revises: 0005
Create Date: 2026-12-02 11:10:00

"""

import sqlalchemy as sa
from alembic import op

import intranet.db_types

revision = "7b2e9c41d5a0"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deactivated_at", intranet.db_types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("erased_at", intranet.db_types.UTCDateTime(), nullable=True))
    # Accounts already inactive start their retention period now: nobody knows since when.
    op.execute(
        sa.text("UPDATE user_account SET deactivated_at = CURRENT_TIMESTAMP WHERE is_active = :inactive").bindparams(
            inactive=False
        )
    )


def downgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("deactivated_at")
