"""SIP transports (seeded with transport-udp and transport-wss), the endpoints' transport
as a foreign key, and the default global/webrtc templates pointed at them

Revision ID: 0810
Revises: 0800
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0810'
down_revision = '0800'
branch_labels = None
depends_on = None

# The transports a Wazo platform starts with (upstream's migration from chan_sip made
# them from the SIP general settings: UDP and WebSocket on the default address).
SEED = (
    ('transport-udp', 'global', [['protocol', 'udp'], ['bind', '0.0.0.0:5060']]),
    ('transport-wss', 'webrtc', [['protocol', 'wss'], ['bind', '0.0.0.0:5060']]),
)


def upgrade() -> None:
    transport = op.create_table(
        'pjsip_transport',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=79), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('uuid', name=op.f('pk_pjsip_transport')),
        sa.UniqueConstraint('name', name=op.f('uq_pjsip_transport_name')),
    )
    endpoint = sa.table('endpoint_sip', sa.column('uuid'), sa.column('transport_uuid'))
    defaults = sa.table('endpoint_sip_tenant_default', sa.column('kind'), sa.column('template_uuid'))
    # References to transports that never existed (kept as given until now) are dropped.
    op.execute(endpoint.update().values(transport_uuid=None))
    for name, kind, options in SEED:
        transport_uuid = str(uuid.uuid4())
        op.bulk_insert(transport, [{'uuid': transport_uuid, 'name': name, 'options': options}])
        templates = sa.select(defaults.c.template_uuid).where(defaults.c.kind == kind)
        op.execute(endpoint.update().where(endpoint.c.uuid.in_(templates)).values(transport_uuid=transport_uuid))
    with op.batch_alter_table('endpoint_sip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoint_sip_transport_uuid'), ['transport_uuid'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_endpoint_sip_transport_uuid_pjsip_transport'),
            'pjsip_transport',
            ['transport_uuid'],
            ['uuid'],
        )


def downgrade() -> None:
    with op.batch_alter_table('endpoint_sip', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_endpoint_sip_transport_uuid_pjsip_transport'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_endpoint_sip_transport_uuid'))
    op.drop_table('pjsip_transport')
