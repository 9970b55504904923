"""merge the sysconfd outbox (0100) with main's head (0401)

Revision ID: 0110
Revises: 0100, 0401
"""

revision = '0110'
down_revision = ('0100', '0401')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
