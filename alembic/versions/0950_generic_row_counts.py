"""row counts per tenant declared per table; extensions counted too

Revision ID: 0950
Revises: 0940
Create Date: 2026-12-03 12:00:00

The counting triggers of migrations 0840 and 0850 named the users' columns (`id`,
`lastname`) in a function shared by every counted table. Each counted table now has its
own function, made by `row_counts.counting_triggers` from the table's tenant column, key
and the columns of the orders its deep pages start from anchors for: users (last name)
keep their counts and serials, extensions (exten) are counted from here on, with the
(tenant, exten, id) index their anchored deep pages walk. PostgreSQL only, like the counts.
"""

import importlib.util
import os

from alembic import op

from wazo_confd.database.row_counts import counting_triggers, dropping_triggers

revision = '0950'
down_revision = '0940'
branch_labels = None
depends_on = None

COUNTED = {'confd_user': ('lastname',), 'extension': ('exten',)}
KINDS = ('insert', 'update', 'delete')


def _function_of_0850() -> str:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '0850_user_order_changes.py')
    spec = importlib.util.spec_from_file_location('confd_migration_0850', path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.FUNCTION


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for kind in KINDS:
        op.execute(f'DROP TRIGGER confd_user_count_{kind} ON confd_user')
    op.execute('DROP FUNCTION confd_count_tenant_rows()')
    for table, orders in COUNTED.items():
        for statement in counting_triggers(table, orders):
            op.execute(statement)
    op.execute('CREATE INDEX ix_extension_tenant_exten ON extension (tenant_uuid, exten, id)')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP INDEX ix_extension_tenant_exten')
    for table in COUNTED:
        for statement in dropping_triggers(table):
            if table == 'extension' or not statement.startswith('DELETE'):
                op.execute(statement)
    op.execute(_function_of_0850())
    for kind, when in (
        ('insert', 'AFTER INSERT ON confd_user REFERENCING NEW TABLE AS new_rows'),
        ('update', 'AFTER UPDATE ON confd_user REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'),
        ('delete', 'AFTER DELETE ON confd_user REFERENCING OLD TABLE AS old_rows'),
    ):
        op.execute(
            f'CREATE TRIGGER confd_user_count_{kind} {when} FOR EACH STATEMENT EXECUTE FUNCTION confd_count_tenant_rows()'
        )
