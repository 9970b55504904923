"""outbox of wazo-sysconfd reload requests, live reload setting

Revision ID: 0100
Revises: 0001
Create Date: 2026-11-27 21:48:12.324805
"""

import sqlalchemy as sa
from alembic import op

revision = '0100'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'live_reload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_reload')),
    )
    op.create_table(
        'sysconfd_request',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('handlers', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sysconfd_request')),
    )
    with op.batch_alter_table('sysconfd_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sysconfd_request_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index('ix_sysconfd_request_unsent', ['id'], unique=False, postgresql_where='sent_at IS NULL')


def downgrade() -> None:
    with op.batch_alter_table('sysconfd_request', schema=None) as batch_op:
        batch_op.drop_index('ix_sysconfd_request_unsent', postgresql_where='sent_at IS NULL')
        batch_op.drop_index(batch_op.f('ix_sysconfd_request_sent_at'))

    op.drop_table('sysconfd_request')
    op.drop_table('live_reload')
