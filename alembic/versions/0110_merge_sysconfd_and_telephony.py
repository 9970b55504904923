"""merge the sysconfd outbox (0100) with the telephony basics (0300)

Revision ID: 0110
Revises: 0100, 0300
"""

revision = '0110'
down_revision = ('0100', '0300')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
