"""merge the search indexes with the telephony objects

Revision ID: 0701
Revises: 0500, 0700
Create Date: 2026-11-27 23:15:00
"""

revision = '0701'
down_revision = ('0500', '0700')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
