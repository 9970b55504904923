"""trunks, IAX endpoints and IAX registrations

Revision ID: 0910
Revises: 0850
"""

import sqlalchemy as sa
from alembic import op

revision = '0910'
down_revision = '0850'
branch_labels = None
depends_on = None

ONE_ENDPOINT = (
    '(CASE WHEN endpoint_sip_uuid IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_iax_id IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_custom_id IS NULL THEN 0 ELSE 1 END) <= 1'
)


def upgrade() -> None:
    op.create_table(
        'endpoint_iax',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_endpoint_iax_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_endpoint_iax')),
        sa.UniqueConstraint('name', name=op.f('uq_endpoint_iax_name')),
    )
    op.create_index(op.f('ix_endpoint_iax_tenant_uuid'), 'endpoint_iax', ['tenant_uuid'])
    op.create_table(
        'register_iax',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('auth_username', sa.String(length=128), nullable=True),
        sa.Column('auth_password', sa.String(length=128), nullable=True),
        sa.Column('remote_host', sa.String(length=255), nullable=False),
        sa.Column('remote_port', sa.Integer(), nullable=True),
        sa.Column('callback_extension', sa.String(length=128), nullable=True),
        sa.Column('callback_context', sa.String(length=79), nullable=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_register_iax')),
    )
    op.create_table(
        'trunk',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('context', sa.String(length=79), nullable=True),
        sa.Column('twilio_incoming', sa.Boolean(), nullable=True),
        sa.Column('outgoing_caller_id_format', sa.String(length=16), nullable=False),
        sa.Column('endpoint_sip_uuid', sa.String(length=36), nullable=True),
        sa.Column('endpoint_iax_id', sa.Integer(), nullable=True),
        sa.Column('endpoint_custom_id', sa.Integer(), nullable=True),
        sa.Column('register_iax_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(ONE_ENDPOINT, name=op.f('ck_trunk_one_endpoint')),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_trunk_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(['context'], ['context.name'], name=op.f('fk_trunk_context_context')),
        sa.ForeignKeyConstraint(
            ['endpoint_sip_uuid'],
            ['endpoint_sip.uuid'],
            name=op.f('fk_trunk_endpoint_sip_uuid_endpoint_sip'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['endpoint_iax_id'],
            ['endpoint_iax.id'],
            name=op.f('fk_trunk_endpoint_iax_id_endpoint_iax'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['endpoint_custom_id'],
            ['endpoint_custom.id'],
            name=op.f('fk_trunk_endpoint_custom_id_endpoint_custom'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['register_iax_id'],
            ['register_iax.id'],
            name=op.f('fk_trunk_register_iax_id_register_iax'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trunk')),
        sa.UniqueConstraint('endpoint_sip_uuid', name=op.f('uq_trunk_endpoint_sip_uuid')),
        sa.UniqueConstraint('endpoint_iax_id', name=op.f('uq_trunk_endpoint_iax_id')),
        sa.UniqueConstraint('endpoint_custom_id', name=op.f('uq_trunk_endpoint_custom_id')),
        sa.UniqueConstraint('register_iax_id', name=op.f('uq_trunk_register_iax_id')),
    )
    op.create_index(op.f('ix_trunk_tenant_uuid'), 'trunk', ['tenant_uuid'])
    op.create_index(op.f('ix_trunk_context'), 'trunk', ['context'])


def downgrade() -> None:
    op.drop_index(op.f('ix_trunk_context'), table_name='trunk')
    op.drop_index(op.f('ix_trunk_tenant_uuid'), table_name='trunk')
    op.drop_table('trunk')
    op.drop_table('register_iax')
    op.drop_index(op.f('ix_endpoint_iax_tenant_uuid'), table_name='endpoint_iax')
    op.drop_table('endpoint_iax')
