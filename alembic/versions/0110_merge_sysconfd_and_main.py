"""merge the sysconfd outbox (0100) with main's head (0701)

Revision ID: 0110
Revises: 0100, 0701
"""

revision = '0110'
down_revision = ('0100', '0701')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
