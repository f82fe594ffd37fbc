"""job_run: one row per job and period, inserted before the run (one run per period, issue 16)

Revision ID: r16_job_run
Revises: r22_outbox_retry
Create Date: 2026-12-02 12:11:00

"""
from alembic import op
import sqlalchemy as sa

import intranet.db_types


# revision identifiers, used by Alembic.
revision = 'r16_job_run'
down_revision = 'r22_outbox_retry'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('period_start', intranet.db_types.UTCDateTime(), nullable=False),
    sa.Column('started_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.Column('holder', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_run')),
    sa.UniqueConstraint('name', 'period_start', name=op.f('uq_job_run_name_period_start'))
    )


def downgrade():
    op.drop_table('job_run')
