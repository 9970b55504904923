"""contexts and their ranges, extensions, voicemails, user-voicemail links

Revision ID: 0300
Revises: 0001
Create Date: 2026-11-27 21:50:51.765887
"""

import sqlalchemy as sa
from alembic import op

revision = '0300'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'context',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=79), nullable=False),
        sa.Column('label', sa.String(length=128), nullable=False),
        sa.Column('type', sa.String(length=40), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_context_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_context')),
        sa.UniqueConstraint('name', name=op.f('uq_context_name')),
        sa.UniqueConstraint('uuid', name=op.f('uq_context_uuid')),
    )
    with op.batch_alter_table('context', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_context_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'context_range',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('context_id', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('start', sa.String(length=16), nullable=False),
        sa.Column('end', sa.String(length=16), nullable=True),
        sa.Column('did_length', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['context_id'], ['context.id'], name=op.f('fk_context_range_context_id_context'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_context_range')),
    )
    with op.batch_alter_table('context_range', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_context_range_context_id'), ['context_id'], unique=False)

    op.create_table(
        'extension',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('exten', sa.String(length=40), nullable=False),
        sa.Column('context', sa.String(length=79), nullable=False),
        sa.Column('commented', sa.Boolean(), nullable=False),
        sa.Column('owner_type', sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(['context'], ['context.name'], name=op.f('fk_extension_context_context')),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_extension_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_extension')),
        sa.UniqueConstraint('exten', 'context', name=op.f('uq_extension_exten_context')),
    )
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_context'), ['context'], unique=False)
        batch_op.create_index(batch_op.f('ix_extension_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'voicemail',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('context', sa.String(length=79), nullable=False),
        sa.Column('password', sa.String(length=80), nullable=True),
        sa.Column('email', sa.String(length=80), nullable=True),
        sa.Column('language', sa.String(length=20), nullable=True),
        sa.Column('timezone', sa.String(length=80), nullable=True),
        sa.Column('pager', sa.String(length=80), nullable=True),
        sa.Column('max_messages', sa.Integer(), nullable=True),
        sa.Column('attach_audio', sa.Boolean(), nullable=True),
        sa.Column('delete_messages', sa.Boolean(), nullable=False),
        sa.Column('ask_password', sa.Boolean(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('accesstype', sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(['context'], ['context.name'], name=op.f('fk_voicemail_context_context')),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_voicemail_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_voicemail')),
        sa.UniqueConstraint('number', 'context', name=op.f('uq_voicemail_number_context')),
    )
    with op.batch_alter_table('voicemail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voicemail_context'), ['context'], unique=False)
        batch_op.create_index(
            'ix_voicemail_global_context',
            ['context'],
            unique=True,
            postgresql_where=sa.text("accesstype = 'global'"),
            sqlite_where=sa.text("accesstype = 'global'"),
        )
        batch_op.create_index(batch_op.f('ix_voicemail_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'user_voicemail',
        sa.Column('user_uuid', sa.String(length=36), nullable=False),
        sa.Column('voicemail_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_uuid'], ['confd_user.uuid'], name=op.f('fk_user_voicemail_user_uuid_confd_user'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['voicemail_id'], ['voicemail.id'], name=op.f('fk_user_voicemail_voicemail_id_voicemail')
        ),
        sa.PrimaryKeyConstraint('user_uuid', name=op.f('pk_user_voicemail')),
    )
    with op.batch_alter_table('user_voicemail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_voicemail_voicemail_id'), ['voicemail_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('user_voicemail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_voicemail_voicemail_id'))

    op.drop_table('user_voicemail')
    with op.batch_alter_table('voicemail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voicemail_tenant_uuid'))
        batch_op.drop_index(
            'ix_voicemail_global_context',
            postgresql_where=sa.text("accesstype = 'global'"),
            sqlite_where=sa.text("accesstype = 'global'"),
        )
        batch_op.drop_index(batch_op.f('ix_voicemail_context'))

    op.drop_table('voicemail')
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extension_tenant_uuid'))
        batch_op.drop_index(batch_op.f('ix_extension_context'))

    op.drop_table('extension')
    with op.batch_alter_table('context_range', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_context_range_context_id'))

    op.drop_table('context_range')
    with op.batch_alter_table('context', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_context_tenant_uuid'))

    op.drop_table('context')
