"""registrar and voicemail_zonemessage, with the platform's default registrar and zone

Revision ID: 0800
Revises: 0110
Create Date: 2026-11-28 00:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0800'
down_revision = '0110'
branch_labels = None
depends_on = None


def upgrade() -> None:
    registrar = op.create_table(
        'registrar',
        sa.Column('id', sa.String(length=128), nullable=False),
        sa.Column('deletable', sa.Boolean(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=True),
        sa.Column('main_host', sa.String(length=255), nullable=False),
        sa.Column('main_port', sa.Integer(), nullable=True),
        sa.Column('backup_host', sa.String(length=255), nullable=True),
        sa.Column('backup_port', sa.Integer(), nullable=True),
        sa.Column('proxy_main_host', sa.String(length=255), nullable=False),
        sa.Column('proxy_main_port', sa.Integer(), nullable=True),
        sa.Column('proxy_backup_host', sa.String(length=255), nullable=True),
        sa.Column('proxy_backup_port', sa.Integer(), nullable=True),
        sa.Column('outbound_proxy_host', sa.String(length=255), nullable=True),
        sa.Column('outbound_proxy_port', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registrar')),
    )
    # What lines name when they do not choose (upstream's wizard makes it in provd, with
    # the server's address; change it with PUT /registrars/default).
    op.bulk_insert(
        registrar,
        [
            {
                'id': 'default',
                'deletable': False,
                'name': 'local',
                'main_host': '127.0.0.1',
                'proxy_main_host': '127.0.0.1',
            }
        ],
    )
    zonemessage = op.create_table(
        'voicemail_zonemessage',
        sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('timezone', sa.Text(), nullable=False),
        sa.Column('message', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('position', name=op.f('pk_voicemail_zonemessage')),
    )
    # Wazo's shipped voicemail.conf zone.
    op.bulk_insert(
        zonemessage,
        [
            {
                'position': 0,
                'name': 'eu-fr',
                'timezone': 'Europe/Paris',
                'message': "'vm-received' q 'digits/at' kM",
            }
        ],
    )


def downgrade() -> None:
    op.drop_table('voicemail_zonemessage')
    op.drop_table('registrar')
