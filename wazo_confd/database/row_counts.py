"""The number of rows of a tenant in a table and a serial of their changes, kept by
triggers (PostgreSQL; migrations 0840, 0850, 0950).

A table is counted when a migration ran `counting_triggers` for it; its list then says
so (`SearchConfig.counted`), and the total of an unfiltered page of one tenant is read
here instead of counted. The serial (`changes`) grows with every statement that inserts,
deletes or moves rows of the tenant, or changes one of the `orders` columns (those whose
deep pages start from anchors, `page_anchors`): it tells when anchors are stale.
"""

from __future__ import annotations

from sqlalchemy import bindparam, column, select, table
from sqlalchemy.orm import Session

_ROW_COUNT = table('tenant_row_count', column('table_name'), column('tenant_uuid'), column('count'), column('changes'))
_QUERY = select(_ROW_COUNT.c.count, _ROW_COUNT.c.changes).where(
    _ROW_COUNT.c.table_name == bindparam('table_name'), _ROW_COUNT.c.tenant_uuid == bindparam('tenant_uuid')
)


def tenant_rows(session: Session, table_name: str, tenant_uuid: str) -> tuple[int, int]:
    """Rows of `tenant_uuid` in `table_name` (a counted table, on PostgreSQL), and the
    serial of the statements that inserted, deleted, moved or reordered them."""
    found = session.connection().execute(_QUERY, {'table_name': table_name, 'tenant_uuid': tenant_uuid}).first()
    if found is None:
        return 0, 0
    count, changes = found
    return int(count), int(changes)


_FUNCTION = """
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_row_count (table_name, tenant_uuid, count, changes)
        SELECT TG_TABLE_NAME, {tenant}, count(*), 1 FROM new_rows GROUP BY {tenant}
        ON CONFLICT (table_name, tenant_uuid) DO UPDATE
        SET count = tenant_row_count.count + EXCLUDED.count, changes = tenant_row_count.changes + 1;
    ELSIF TG_OP = 'DELETE' THEN
        -- An UPDATE only: the tenant's count row may be going with the tenant (cascade).
        UPDATE tenant_row_count c SET count = c.count - gone.n, changes = c.changes + 1
        FROM (SELECT {tenant} AS tenant_uuid, count(*) AS n FROM old_rows GROUP BY {tenant}) gone
        WHERE c.table_name = TG_TABLE_NAME AND c.tenant_uuid = gone.tenant_uuid;
    ELSE
        -- Rows moved to another tenant change counts; rows whose order columns changed
        -- change the order of their tenant's pages. Nothing to write for the others.
        WITH moved AS (
            SELECT tenant_uuid, sum(n) AS n FROM (
                SELECT {tenant} AS tenant_uuid, count(*) AS n FROM new_rows GROUP BY {tenant}
                UNION ALL SELECT {tenant}, -count(*) FROM old_rows GROUP BY {tenant}
            ) d GROUP BY tenant_uuid HAVING sum(n) <> 0
        ), reordered_tenants AS (
            SELECT DISTINCT t.tenant_uuid FROM old_rows o JOIN new_rows n ON n.{key} = o.{key}
            CROSS JOIN LATERAL (VALUES (o.{tenant}), (n.{tenant})) t (tenant_uuid)
            WHERE {reordered}
        ), reordered AS (
            UPDATE tenant_row_count c SET changes = c.changes + 1 FROM reordered_tenants r
            WHERE c.table_name = TG_TABLE_NAME AND c.tenant_uuid = r.tenant_uuid
            AND NOT EXISTS (SELECT 1 FROM moved WHERE moved.tenant_uuid = r.tenant_uuid)
        ), lowered AS (
            UPDATE tenant_row_count c SET count = c.count + moved.n, changes = c.changes + 1 FROM moved
            WHERE c.table_name = TG_TABLE_NAME AND c.tenant_uuid = moved.tenant_uuid AND moved.n < 0
        )
        INSERT INTO tenant_row_count (table_name, tenant_uuid, count, changes)
        SELECT TG_TABLE_NAME, tenant_uuid, n, 1 FROM moved WHERE n > 0
        ON CONFLICT (table_name, tenant_uuid) DO UPDATE
        SET count = tenant_row_count.count + EXCLUDED.count, changes = tenant_row_count.changes + 1;
    END IF;
    RETURN NULL;
END
$$
"""

_TRIGGERS = {
    'insert': 'AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows',
    'update': 'AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
    'delete': 'AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows',
}


def counting_triggers(
    table_name: str, orders: tuple[str, ...] = (), key: str = 'id', tenant: str = 'tenant_uuid'
) -> list[str]:
    """PostgreSQL statements (for a migration) that count the rows of `table_name` per
    `tenant` column from now on, their serial also counting changes of the `orders`
    columns (rows matched by their `key`), and count the rows already there."""
    function = f'confd_count_{table_name}_rows'
    reordered = ' OR '.join([*(f'n.{name} IS DISTINCT FROM o.{name}' for name in orders), f'n.{tenant} <> o.{tenant}'])
    statements = [_FUNCTION.format(function=function, tenant=tenant, key=key, reordered=reordered)]
    for kind, when in _TRIGGERS.items():
        statements.append(
            f'CREATE TRIGGER {table_name}_count_{kind} {when.format(table=table_name)}'
            f' FOR EACH STATEMENT EXECUTE FUNCTION {function}()'
        )
    statements.append(
        f"INSERT INTO tenant_row_count (table_name, tenant_uuid, count) SELECT '{table_name}', {tenant}, count(*)"
        f' FROM {table_name} GROUP BY {tenant}'
        ' ON CONFLICT (table_name, tenant_uuid) DO UPDATE SET count = EXCLUDED.count'
    )
    return statements


def dropping_triggers(table_name: str) -> list[str]:
    """The statements undoing `counting_triggers`."""
    return [
        *(f'DROP TRIGGER {table_name}_count_{kind} ON {table_name}' for kind in _TRIGGERS),
        f'DROP FUNCTION confd_count_{table_name}_rows()',
        f"DELETE FROM tenant_row_count WHERE table_name = '{table_name}'",
    ]
