"""merge the telephony basics (0300) and the lines and endpoints (0400) branches

Revision ID: 0401
Revises: 0300, 0400
"""

revision = '0401'
down_revision = ('0300', '0400')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
