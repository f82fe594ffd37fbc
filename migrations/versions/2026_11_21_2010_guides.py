"""guides: guide profiles and topics, questions, answers, trail, follows, SLA settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 20:50:00

"""
from alembic import op
import sqlalchemy as sa

import intranet.db_types


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('escalation_setting',
    sa.Column('depth', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sla_hours', sa.Integer(), nullable=False),
    sa.Column('warn_hours', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('depth', name=op.f('pk_escalation_setting'))
    )
    op.create_table('guide_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('deputy_id', sa.Integer(), nullable=True),
    sa.Column('is_absent', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('updated_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['deputy_id'], ['user_account.id'], name=op.f('fk_guide_profile_deputy_id_user_account')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_guide_profile_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_profile')),
    sa.UniqueConstraint('user_id', name=op.f('uq_guide_profile_user_id'))
    )
    with op.batch_alter_table('guide_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guide_profile_deputy_id'), ['deputy_id'], unique=False)

    op.create_table('guide_topic',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['guide_profile.id'], name=op.f('fk_guide_topic_profile_id_guide_profile'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_guide_topic_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'topic_id', name=op.f('pk_guide_topic'))
    )
    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asker_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('is_private', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('current_unit_id', sa.Integer(), nullable=True),
    sa.Column('at_admins', sa.Boolean(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('due_at', intranet.db_types.UTCDateTime(), nullable=True),
    sa.Column('warn_at', intranet.db_types.UTCDateTime(), nullable=True),
    sa.Column('warned_at', intranet.db_types.UTCDateTime(), nullable=True),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', intranet.db_types.UTCDateTime(), nullable=True),
    sa.Column('accepted_answer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.Column('answered_at', intranet.db_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['asker_id'], ['user_account.id'], name=op.f('fk_question_asker_id_user_account')),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['user_account.id'], name=op.f('fk_question_claimed_by_id_user_account')),
    sa.ForeignKeyConstraint(['current_unit_id'], ['org_unit.id'], name=op.f('fk_question_current_unit_id_org_unit')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_question_topic_id_topic')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_question_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question'))
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_asker_id'), ['asker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_claimed_by_id'), ['claimed_by_id'], unique=False)
        batch_op.create_index('ix_question_current_unit', ['current_unit_id', 'status'], unique=False)
        batch_op.create_index('ix_question_answered_at', ['answered_at'], unique=False)
        batch_op.create_index('ix_question_status_due', ['status', 'due_at'], unique=False)
        batch_op.create_index('ix_question_status_warn', ['status', 'warn_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_topic_id'), ['topic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_unit_id'), ['unit_id'], unique=False)

    op.create_table('question_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_question_answer_author_id_user_account')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_answer_question_id_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_answer'))
    )
    with op.batch_alter_table('question_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_answer_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_answer_question_id'), ['question_id'], unique=False)

    op.create_table('question_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('created_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_question_event_actor_id_user_account')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_event_question_id_question')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_question_event_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_event'))
    )
    with op.batch_alter_table('question_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_event_question_id'), ['question_id'], unique=False)

    op.create_table('question_follow',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', intranet.db_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_follow_question_id_question')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_question_follow_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_follow')),
    sa.UniqueConstraint('question_id', 'user_id', name=op.f('uq_question_follow_question_id_user_id'))
    )
    with op.batch_alter_table('question_follow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_follow_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_follow_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_question_accepted_answer', 'question_answer',
                                    ['accepted_answer_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint('fk_question_accepted_answer', type_='foreignkey')
    op.drop_table('question_follow')
    op.drop_table('question_event')
    op.drop_table('question_answer')
    op.drop_table('question')
    op.drop_table('guide_topic')
    op.drop_table('guide_profile')
    op.drop_table('escalation_setting')
