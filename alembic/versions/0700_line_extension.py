"""line_extension: the numbers that ring each line

Revision ID: 0700
Revises: 0401
Create Date: 2026-11-27 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0700'
down_revision = '0401'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'line_extension',
        sa.Column('line_id', sa.Integer(), nullable=False),
        sa.Column('extension_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['extension_id'],
            ['extension.id'],
            name=op.f('fk_line_extension_extension_id_extension'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['line_id'], ['line.id'], name=op.f('fk_line_extension_line_id_line'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('line_id', 'extension_id', name=op.f('pk_line_extension')),
    )
    with op.batch_alter_table('line_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_extension_extension_id'), ['extension_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('line_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_extension_extension_id'))
    op.drop_table('line_extension')
