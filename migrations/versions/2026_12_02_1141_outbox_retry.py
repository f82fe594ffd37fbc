"""outbox_retry: a failed message waits until next_attempt_at (back-off) before it is tried again

Revision ID: r22_outbox_retry
Revises: 3c8d0f6a9e21
Create Date: 2026-12-02 11:37:11.395813

"""
from alembic import op
import sqlalchemy as sa

import intranet.db_types


# revision identifiers, used by Alembic.
revision = 'r22_outbox_retry'
down_revision = '3c8d0f6a9e21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', intranet.db_types.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.drop_column('next_attempt_at')
