"""call permissions, their users, and context inclusions

Revision ID: 0920
Revises: 0910
"""

import sqlalchemy as sa
from alembic import op

revision = '0920'
down_revision = '0910'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'call_permission',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('password', sa.String(length=40), nullable=True),
        sa.Column('mode', sa.String(length=5), nullable=False),
        sa.Column('extensions', sa.JSON(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_call_permission_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_call_permission')),
        sa.UniqueConstraint('name', name=op.f('uq_call_permission_name')),
    )
    op.create_index(op.f('ix_call_permission_tenant_uuid'), 'call_permission', ['tenant_uuid'])
    op.create_table(
        'user_call_permission',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('call_permission_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['confd_user.id'], name=op.f('fk_user_call_permission_user_id_confd_user'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['call_permission_id'],
            ['call_permission.id'],
            name=op.f('fk_user_call_permission_call_permission_id_call_permission'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('user_id', 'call_permission_id', name=op.f('pk_user_call_permission')),
    )
    op.create_index(op.f('ix_user_call_permission_call_permission_id'), 'user_call_permission', ['call_permission_id'])
    op.create_table(
        'context_inclusion',
        sa.Column('context_id', sa.Integer(), nullable=False),
        sa.Column('included_context_id', sa.Integer(), nullable=False),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['context_id'], ['context.id'], name=op.f('fk_context_inclusion_context_id_context'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['included_context_id'],
            ['context.id'],
            name=op.f('fk_context_inclusion_included_context_id_context'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('context_id', 'included_context_id', name=op.f('pk_context_inclusion')),
    )
    op.create_index(op.f('ix_context_inclusion_included_context_id'), 'context_inclusion', ['included_context_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_context_inclusion_included_context_id'), table_name='context_inclusion')
    op.drop_table('context_inclusion')
    op.drop_index(op.f('ix_user_call_permission_call_permission_id'), table_name='user_call_permission')
    op.drop_table('user_call_permission')
    op.drop_index(op.f('ix_call_permission_tenant_uuid'), table_name='call_permission')
    op.drop_table('call_permission')
