"""the call permissions of outcalls

Revision ID: 0931
Revises: 0930
"""

import sqlalchemy as sa
from alembic import op

revision = '0931'
down_revision = '0930'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outcall_call_permission',
        sa.Column('outcall_id', sa.Integer(), nullable=False),
        sa.Column('call_permission_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['outcall_id'],
            ['outcall.id'],
            name=op.f('fk_outcall_call_permission_outcall_id_outcall'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['call_permission_id'],
            ['call_permission.id'],
            name=op.f('fk_outcall_call_permission_call_permission_id_call_permission'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('outcall_id', 'call_permission_id', name=op.f('pk_outcall_call_permission')),
    )
    op.create_index(
        op.f('ix_outcall_call_permission_call_permission_id'), 'outcall_call_permission', ['call_permission_id']
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_outcall_call_permission_call_permission_id'), table_name='outcall_call_permission')
    op.drop_table('outcall_call_permission')
