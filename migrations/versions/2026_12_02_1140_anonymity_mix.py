"""anonymity mix: queue of anonymous actions, period keys, keyed tokens

Revision ID: 3c8d0f6a9e21
Revises: 7b2e9c41d5a0
Create Date: 2026-12-02 11:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "3c8d0f6a9e21"
down_revision = "7b2e9c41d5a0"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback_anonymous_queue",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("rounds_waited", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_anonymous_queue")),
    )
    op.create_table(
        "feedback_anonymity_key",
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("material", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_feedback_anonymity_key")),
    )
    op.create_table(
        "feedback_anonymous_token",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_feedback_anonymous_token")),
    )
    with op.batch_alter_table("feedback_anonymous_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_anonymous_token_period"), ["period"], unique=False)


def downgrade():
    with op.batch_alter_table("feedback_anonymous_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_anonymous_token_period"))
    op.drop_table("feedback_anonymous_token")
    op.drop_table("feedback_anonymity_key")
    op.drop_table("feedback_anonymous_queue")
