"""the mailbox calls (move_voicemail, delete_voicemail) of a wazo-sysconfd request

Revision ID: 0940
Revises: 0931
Create Date: 2026-12-03 10:00:00

A voicemail whose number or context changed, or that was deleted, asks wazo-sysconfd to
move or delete its mailbox directory. These calls go through the same durable queue as
the reload commands of their transaction: a nullable JSON list on its row.
"""

import sqlalchemy as sa
from alembic import op

revision = '0940'
down_revision = '0931'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sysconfd_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calls', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sysconfd_request', schema=None) as batch_op:
        batch_op.drop_column('calls')
