"""a serial of the changes to the order of each tenant's users

Revision ID: 0850
Revises: 0840
Create Date: 2026-11-28 20:00:00

A deep page of users sorted by last name walked the sort index from the nearer end: up
to half of the tenant's entries (50,000 at 100,000 users) for each page. The daemon now
remembers where every thousandth position of that order falls (database/page_anchors.py)
and starts a deep page from the nearest one. `tenant_row_count.changes` tells it when
what it remembers is stale: the same statement triggers that keep the counts add one to
it in every statement that inserts, deletes, moves to another tenant or renames (last
name) users of the tenant. PostgreSQL only, like the counts.
"""

import importlib.util
import os

from alembic import op

revision = '0850'
down_revision = '0840'
branch_labels = None
depends_on = None

FUNCTION = """
CREATE OR REPLACE FUNCTION confd_count_tenant_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_row_count (table_name, tenant_uuid, count, changes)
        SELECT TG_TABLE_NAME, tenant_uuid, count(*), 1 FROM new_rows GROUP BY tenant_uuid
        ON CONFLICT (table_name, tenant_uuid) DO UPDATE
        SET count = tenant_row_count.count + EXCLUDED.count, changes = tenant_row_count.changes + 1;
    ELSIF TG_OP = 'DELETE' THEN
        -- An UPDATE only: the tenant's count row may be going with the tenant (cascade).
        UPDATE tenant_row_count c SET count = c.count - gone.n, changes = c.changes + 1
        FROM (SELECT tenant_uuid, count(*) AS n FROM old_rows GROUP BY tenant_uuid) gone
        WHERE c.table_name = TG_TABLE_NAME AND c.tenant_uuid = gone.tenant_uuid;
    ELSE
        -- Rows moved to another tenant change counts; renamed rows change the order of
        -- their tenant's pages. Nothing to write for the others (most updates).
        WITH moved AS (
            SELECT tenant_uuid, sum(n) AS n FROM (
                SELECT tenant_uuid, count(*) AS n FROM new_rows GROUP BY tenant_uuid
                UNION ALL SELECT tenant_uuid, -count(*) FROM old_rows GROUP BY tenant_uuid
            ) d GROUP BY tenant_uuid HAVING sum(n) <> 0
        ), renamed AS (
            -- The tenants (before and after) of renamed or moved rows: confd_user's columns,
            -- the only table counted (last name: the order the daemon remembers).
            SELECT DISTINCT t.tenant_uuid FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.tenant_uuid), (n.tenant_uuid)) t (tenant_uuid)
            WHERE n.lastname IS DISTINCT FROM o.lastname OR n.tenant_uuid <> o.tenant_uuid
        ), reordered AS (
            UPDATE tenant_row_count c SET changes = c.changes + 1 FROM renamed
            WHERE c.table_name = TG_TABLE_NAME AND c.tenant_uuid = renamed.tenant_uuid
            AND NOT EXISTS (SELECT 1 FROM moved WHERE moved.tenant_uuid = renamed.tenant_uuid)
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


def _previous_function() -> str:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '0840_tenant_row_counts.py')
    spec = importlib.util.spec_from_file_location('confd_migration_0840', path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.FUNCTION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION', 1)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER TABLE tenant_row_count ADD COLUMN changes bigint NOT NULL DEFAULT 0')
    op.execute(FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_previous_function())
    op.execute('ALTER TABLE tenant_row_count DROP COLUMN changes')
