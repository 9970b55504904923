"""outcalls and their dial patterns (outcall_extension)

Revision ID: 0930
Revises: 0920
"""

import sqlalchemy as sa
from alembic import op

revision = '0930'
down_revision = '0920'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outcall',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('internal_caller_id', sa.Boolean(), nullable=False),
        sa.Column('preprocess_subroutine', sa.String(length=79), nullable=True),
        sa.Column('ring_time', sa.Integer(), nullable=True),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_outcall_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outcall')),
        sa.UniqueConstraint('name', name=op.f('uq_outcall_name')),
    )
    op.create_index(op.f('ix_outcall_tenant_uuid'), 'outcall', ['tenant_uuid'])
    op.create_table(
        'outcall_extension',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('outcall_id', sa.Integer(), nullable=False),
        sa.Column('extension_id', sa.Integer(), nullable=False),
        sa.Column('caller_id', sa.String(length=80), nullable=True),
        sa.Column('external_prefix', sa.String(length=64), nullable=True),
        sa.Column('prefix', sa.String(length=32), nullable=True),
        sa.Column('strip_digits', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['outcall_id'], ['outcall.id'], name=op.f('fk_outcall_extension_outcall_id_outcall'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['extension_id'],
            ['extension.id'],
            name=op.f('fk_outcall_extension_extension_id_extension'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outcall_extension')),
        sa.UniqueConstraint('extension_id', name=op.f('uq_outcall_extension_extension_id')),
    )
    op.create_index(op.f('ix_outcall_extension_outcall_id'), 'outcall_extension', ['outcall_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_outcall_extension_outcall_id'), table_name='outcall_extension')
    op.drop_table('outcall_extension')
    op.drop_index(op.f('ix_outcall_tenant_uuid'), table_name='outcall')
    op.drop_table('outcall')
