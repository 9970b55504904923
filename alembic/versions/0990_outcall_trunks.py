"""the trunks of outcalls

Revision ID: 0990
Revises: 0950
"""

import sqlalchemy as sa
from alembic import op

revision = '0990'
down_revision = '0950'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outcall_trunk',
        sa.Column('outcall_id', sa.Integer(), nullable=False),
        sa.Column('trunk_id', sa.Integer(), nullable=False),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['outcall_id'], ['outcall.id'], name=op.f('fk_outcall_trunk_outcall_id_outcall'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['trunk_id'], ['trunk.id'], name=op.f('fk_outcall_trunk_trunk_id_trunk'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('outcall_id', 'trunk_id', name=op.f('pk_outcall_trunk')),
    )
    op.create_index(op.f('ix_outcall_trunk_trunk_id'), 'outcall_trunk', ['trunk_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_outcall_trunk_trunk_id'), table_name='outcall_trunk')
    op.drop_table('outcall_trunk')
