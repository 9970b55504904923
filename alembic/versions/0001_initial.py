"""initial schema: tenants, api keys, outbox, users

Revision ID: 0001
Revises:
Create Date: 2026-11-27 21:30:37.613679
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        # Accent-insensitive search; unaccent is a trusted extension (database owners may create it).
        op.execute('CREATE EXTENSION IF NOT EXISTS unaccent')
    op.create_table(
        'installation',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('master_tenant_uuid', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('uuid', name=op.f('pk_installation')),
    )
    op.create_table(
        'outbox_event',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('routing_key', sa.String(length=512), nullable=False),
        sa.Column('headers', sa.JSON(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_event')),
        sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_event_id')),
    )
    with op.batch_alter_table('outbox_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_event_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index('ix_outbox_event_unsent', ['id'], unique=False, postgresql_where='sent_at IS NULL')

    op.create_table(
        'tenant',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('slug', sa.String(length=10), nullable=True),
        sa.Column('parent_uuid', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['parent_uuid'], ['tenant.uuid'], name=op.f('fk_tenant_parent_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('uuid', name=op.f('pk_tenant')),
    )
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenant_parent_uuid'), ['parent_uuid'], unique=False)

    op.create_table(
        'api_key',
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('acl', sa.JSON(), nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_api_key_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_api_key')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_api_key_secret_hash')),
    )
    with op.batch_alter_table('api_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_key_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'confd_user',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('firstname', sa.String(length=128), nullable=False),
        sa.Column('lastname', sa.String(length=128), nullable=True),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('timezone', sa.String(length=128), nullable=True),
        sa.Column('language', sa.String(length=16), nullable=True),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('caller_id', sa.String(length=160), nullable=True),
        sa.Column('outgoing_caller_id', sa.String(length=80), nullable=True),
        sa.Column('mobile_phone_number', sa.String(length=80), nullable=True),
        sa.Column('mobile_fallback_enabled', sa.Boolean(), nullable=False),
        sa.Column('username', sa.String(length=254), nullable=True),
        sa.Column('password', sa.String(length=64), nullable=True),
        sa.Column('music_on_hold', sa.String(length=128), nullable=True),
        sa.Column('preprocess_subroutine', sa.String(length=79), nullable=True),
        sa.Column('userfield', sa.String(length=128), nullable=True),
        sa.Column('call_transfer_enabled', sa.Boolean(), nullable=False),
        sa.Column('dtmf_hangup_enabled', sa.Boolean(), nullable=False),
        sa.Column('call_record_outgoing_external_enabled', sa.Boolean(), nullable=False),
        sa.Column('call_record_outgoing_internal_enabled', sa.Boolean(), nullable=False),
        sa.Column('call_record_incoming_external_enabled', sa.Boolean(), nullable=False),
        sa.Column('call_record_incoming_internal_enabled', sa.Boolean(), nullable=False),
        sa.Column('online_call_record_enabled', sa.Boolean(), nullable=False),
        sa.Column('supervision_enabled', sa.Boolean(), nullable=False),
        sa.Column('ring_seconds', sa.Integer(), nullable=False),
        sa.Column('simultaneous_calls', sa.Integer(), nullable=False),
        sa.Column('call_permission_password', sa.String(length=16), nullable=True),
        sa.Column('subscription_type', sa.Integer(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('func_key_template_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('dnd_enabled', sa.Boolean(), nullable=False),
        sa.Column('incallfilter_enabled', sa.Boolean(), nullable=False),
        sa.Column('busy_enabled', sa.Boolean(), nullable=False),
        sa.Column('busy_destination', sa.String(length=128), nullable=True),
        sa.Column('noanswer_enabled', sa.Boolean(), nullable=False),
        sa.Column('noanswer_destination', sa.String(length=128), nullable=True),
        sa.Column('unconditional_enabled', sa.Boolean(), nullable=False),
        sa.Column('unconditional_destination', sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_confd_user_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_confd_user')),
        sa.UniqueConstraint('email', name=op.f('uq_confd_user_email')),
        sa.UniqueConstraint('username', name=op.f('uq_confd_user_username')),
        sa.UniqueConstraint('uuid', name=op.f('uq_confd_user_uuid')),
    )
    with op.batch_alter_table('confd_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confd_user_lastname'), ['lastname'], unique=False)
        batch_op.create_index(batch_op.f('ix_confd_user_tenant_uuid'), ['tenant_uuid'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('confd_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confd_user_tenant_uuid'))
        batch_op.drop_index(batch_op.f('ix_confd_user_lastname'))

    op.drop_table('confd_user')
    with op.batch_alter_table('api_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_key_tenant_uuid'))

    op.drop_table('api_key')
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenant_parent_uuid'))

    op.drop_table('tenant')
    with op.batch_alter_table('outbox_event', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_event_unsent', postgresql_where='sent_at IS NULL')
        batch_op.drop_index(batch_op.f('ix_outbox_event_sent_at'))

    op.drop_table('outbox_event')
    op.drop_table('installation')
