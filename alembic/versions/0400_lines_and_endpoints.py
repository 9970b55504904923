"""lines, SIP (+ templates), SCCP and custom endpoints, user-line links

Revision ID: 0400
Revises: 0001
Create Date: 2026-11-27 21:52:41.037295
"""

import sqlalchemy as sa
from alembic import op

revision = '0400'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'endpoint_custom',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('interface', sa.String(length=128), nullable=False),
        sa.Column('interface_suffix', sa.String(length=32), nullable=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_endpoint_custom_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_endpoint_custom')),
        sa.UniqueConstraint('interface', name=op.f('uq_endpoint_custom_interface')),
    )
    with op.batch_alter_table('endpoint_custom', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoint_custom_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'endpoint_sccp',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_endpoint_sccp_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_endpoint_sccp')),
    )
    with op.batch_alter_table('endpoint_sccp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoint_sccp_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'endpoint_sip',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=79), nullable=False),
        sa.Column('label', sa.String(length=128), nullable=True),
        sa.Column('template', sa.Boolean(), nullable=False),
        sa.Column('asterisk_id', sa.String(length=1024), nullable=True),
        sa.Column('transport_uuid', sa.String(length=36), nullable=True),
        sa.Column('aor_section_options', sa.JSON(), nullable=False),
        sa.Column('auth_section_options', sa.JSON(), nullable=False),
        sa.Column('endpoint_section_options', sa.JSON(), nullable=False),
        sa.Column('identify_section_options', sa.JSON(), nullable=False),
        sa.Column('registration_section_options', sa.JSON(), nullable=False),
        sa.Column('registration_outbound_auth_section_options', sa.JSON(), nullable=False),
        sa.Column('outbound_auth_section_options', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_endpoint_sip_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('uuid', name=op.f('pk_endpoint_sip')),
        sa.UniqueConstraint('name', name=op.f('uq_endpoint_sip_name')),
    )
    with op.batch_alter_table('endpoint_sip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoint_sip_template'), ['template'], unique=False)
        batch_op.create_index(batch_op.f('ix_endpoint_sip_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'endpoint_sip_template',
        sa.Column('child_uuid', sa.String(length=36), nullable=False),
        sa.Column('parent_uuid', sa.String(length=36), nullable=False),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['child_uuid'],
            ['endpoint_sip.uuid'],
            name=op.f('fk_endpoint_sip_template_child_uuid_endpoint_sip'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['parent_uuid'],
            ['endpoint_sip.uuid'],
            name=op.f('fk_endpoint_sip_template_parent_uuid_endpoint_sip'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('child_uuid', 'parent_uuid', name=op.f('pk_endpoint_sip_template')),
    )
    with op.batch_alter_table('endpoint_sip_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoint_sip_template_parent_uuid'), ['parent_uuid'], unique=False)

    op.create_table(
        'endpoint_sip_tenant_default',
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('template_uuid', sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ['template_uuid'],
            ['endpoint_sip.uuid'],
            name=op.f('fk_endpoint_sip_tenant_default_template_uuid_endpoint_sip'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'],
            ['tenant.uuid'],
            name=op.f('fk_endpoint_sip_tenant_default_tenant_uuid_tenant'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('tenant_uuid', 'kind', name=op.f('pk_endpoint_sip_tenant_default')),
    )
    op.create_table(
        'line',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=True),
        sa.Column('context', sa.String(length=79), nullable=False),
        sa.Column('provisioning_code', sa.String(length=6), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('caller_id_name', sa.String(length=160), nullable=True),
        sa.Column('caller_id_num', sa.String(length=80), nullable=True),
        sa.Column('registrar', sa.String(length=128), nullable=False),
        sa.Column('device_id', sa.String(length=255), nullable=True),
        sa.Column('endpoint_sip_uuid', sa.String(length=36), nullable=True),
        sa.Column('endpoint_sccp_id', sa.Integer(), nullable=True),
        sa.Column('endpoint_custom_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            '(CASE WHEN endpoint_sip_uuid IS NULL THEN 0 ELSE 1 END + CASE WHEN endpoint_sccp_id IS NULL THEN 0 ELSE 1 END + CASE WHEN endpoint_custom_id IS NULL THEN 0 ELSE 1 END) <= 1',
            name=op.f('ck_line_one_endpoint'),
        ),
        sa.ForeignKeyConstraint(
            ['endpoint_custom_id'],
            ['endpoint_custom.id'],
            name=op.f('fk_line_endpoint_custom_id_endpoint_custom'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['endpoint_sccp_id'],
            ['endpoint_sccp.id'],
            name=op.f('fk_line_endpoint_sccp_id_endpoint_sccp'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['endpoint_sip_uuid'],
            ['endpoint_sip.uuid'],
            name=op.f('fk_line_endpoint_sip_uuid_endpoint_sip'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['tenant_uuid'], ['tenant.uuid'], name=op.f('fk_line_tenant_uuid_tenant'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_line')),
        sa.UniqueConstraint('endpoint_custom_id', name=op.f('uq_line_endpoint_custom_id')),
        sa.UniqueConstraint('endpoint_sccp_id', name=op.f('uq_line_endpoint_sccp_id')),
        sa.UniqueConstraint('endpoint_sip_uuid', name=op.f('uq_line_endpoint_sip_uuid')),
        sa.UniqueConstraint('provisioning_code', name=op.f('uq_line_provisioning_code')),
    )
    with op.batch_alter_table('line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_context'), ['context'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_tenant_uuid'), ['tenant_uuid'], unique=False)

    op.create_table(
        'user_line',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('line_id', sa.Integer(), nullable=False),
        sa.Column('main_user', sa.Boolean(), nullable=False),
        sa.Column('main_line', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['line_id'], ['line.id'], name=op.f('fk_user_line_line_id_line'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(
            ['user_id'], ['confd_user.id'], name=op.f('fk_user_line_user_id_confd_user'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', 'line_id', name=op.f('pk_user_line')),
    )
    with op.batch_alter_table('user_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_line_line_id'), ['line_id'], unique=False)
        batch_op.create_index(
            'uq_user_line_main_line',
            ['user_id'],
            unique=True,
            postgresql_where=sa.text('main_line'),
            sqlite_where=sa.text('main_line'),
        )
        batch_op.create_index(
            'uq_user_line_main_user',
            ['line_id'],
            unique=True,
            postgresql_where=sa.text('main_user'),
            sqlite_where=sa.text('main_user'),
        )


def downgrade() -> None:
    with op.batch_alter_table('user_line', schema=None) as batch_op:
        batch_op.drop_index(
            'uq_user_line_main_user', postgresql_where=sa.text('main_user'), sqlite_where=sa.text('main_user')
        )
        batch_op.drop_index(
            'uq_user_line_main_line', postgresql_where=sa.text('main_line'), sqlite_where=sa.text('main_line')
        )
        batch_op.drop_index(batch_op.f('ix_user_line_line_id'))

    op.drop_table('user_line')
    with op.batch_alter_table('line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_tenant_uuid'))
        batch_op.drop_index(batch_op.f('ix_line_name'))
        batch_op.drop_index(batch_op.f('ix_line_context'))

    op.drop_table('line')
    op.drop_table('endpoint_sip_tenant_default')
    with op.batch_alter_table('endpoint_sip_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_endpoint_sip_template_parent_uuid'))

    op.drop_table('endpoint_sip_template')
    with op.batch_alter_table('endpoint_sip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_endpoint_sip_tenant_uuid'))
        batch_op.drop_index(batch_op.f('ix_endpoint_sip_template'))

    op.drop_table('endpoint_sip')
    with op.batch_alter_table('endpoint_sccp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_endpoint_sccp_tenant_uuid'))

    op.drop_table('endpoint_sccp')
    with op.batch_alter_table('endpoint_custom', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_endpoint_custom_tenant_uuid'))

    op.drop_table('endpoint_custom')
