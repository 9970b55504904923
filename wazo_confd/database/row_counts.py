"""The number of rows of a tenant in a table and a serial of their changes, kept by
triggers (migrations 0840 and 0850)."""

from __future__ import annotations

from sqlalchemy import bindparam, column, select, table
from sqlalchemy.orm import Session

# PostgreSQL only: the tables whose rows the triggers count.
COUNTED = frozenset({'confd_user'})

_ROW_COUNT = table('tenant_row_count', column('table_name'), column('tenant_uuid'), column('count'), column('changes'))
_QUERY = select(_ROW_COUNT.c.count, _ROW_COUNT.c.changes).where(
    _ROW_COUNT.c.table_name == bindparam('table_name'), _ROW_COUNT.c.tenant_uuid == bindparam('tenant_uuid')
)


def counted(session: Session, table_name: str) -> bool:
    return table_name in COUNTED and session.get_bind().dialect.name == 'postgresql'


def tenant_rows(session: Session, table_name: str, tenant_uuid: str) -> tuple[int, int]:
    """Rows of `tenant_uuid` in `table_name` (one of COUNTED, on PostgreSQL), and the
    serial of the statements that inserted, deleted, moved or renamed them."""
    found = session.connection().execute(_QUERY, {'table_name': table_name, 'tenant_uuid': tenant_uuid}).first()
    if found is None:
        return 0, 0
    count, changes = found
    return int(count), int(changes)
