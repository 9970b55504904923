"""line caller ID: the copy kept on lines now follows the endpoint's caller ID

A line's caller ID is read from, and written to, its endpoint (the SIP `callerid`
endpoint option, the SCCP `cid_name`/`cid_num` options); the `caller_id_name` and
`caller_id_num` columns of `line` only keep a copy for search and sort. This fills the
copy from the endpoints; downgrading leaves the copy as it is.

Revision ID: 0820
Revises: 0810
Create Date: 2026-11-28 01:00:00
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = '0820'
down_revision = '0810'
branch_labels = None
depends_on = None

CALLER_ID = re.compile(r'"(?P<name>[^"]+)"(?:\s+(?:<(?P<num>\+?[\dA-Z]+)>)?)?')
NUMBER_ONLY = re.compile(r'<(?P<num>\+?[\dA-Z]+)>')


def _options(value):
    if isinstance(value, str):
        value = json.loads(value)
    return value or []


def _first(options, key):
    for option in _options(options):
        if len(option) == 2 and option[0] == key:
            return option[1]
    return None


def _sip(value):
    if not value:
        return None, None
    match = CALLER_ID.match(value)
    if match:
        return match.group('name'), match.group('num')
    match = NUMBER_ONLY.match(value)
    return (None, match.group('num')) if match else (None, None)


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            'SELECT line.id, endpoint_sip.endpoint_section_options, endpoint_sccp.options FROM line'
            ' LEFT JOIN endpoint_sip ON endpoint_sip.uuid = line.endpoint_sip_uuid'
            ' LEFT JOIN endpoint_sccp ON endpoint_sccp.id = line.endpoint_sccp_id'
        )
    ).fetchall()
    update = sa.text('UPDATE line SET caller_id_name = :name, caller_id_num = :num WHERE id = :id')
    for line_id, sip_options, sccp_options in rows:
        if sip_options is not None:
            name, num = _sip(_first(sip_options, 'callerid'))
        elif sccp_options is not None:
            name, num = _first(sccp_options, 'cid_name'), _first(sccp_options, 'cid_num')
        else:
            name = num = None
        connection.execute(update, {'name': name, 'num': num, 'id': line_id})


def downgrade() -> None:
    pass
