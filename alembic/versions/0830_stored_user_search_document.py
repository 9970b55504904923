"""users' folded search document as a stored column, trigram-indexed

Revision ID: 0830
Revises: 0820
Create Date: 2026-11-28 01:00:00

The trigram index of 0500 was on the expression confd_fold(document): every row the index
proposed was checked again by folding its twelve columns anew, which for a common surname
(thousands of candidates) was most of a search. The folded document is now a generated
column, computed on write, and the index is on that column: the recheck reads it. Its
expression is the one of the index it replaces (read from the catalogue), so the daemon's
SearchConfig and the column stay the same expression (tests/test_list_indexes.py checks).
PostgreSQL only, like 0500.
"""

from alembic import op

revision = '0830'
down_revision = '0820'
branch_labels = None
depends_on = None

INDEX = 'ix_confd_user_search'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    expression = bind.exec_driver_sql(
        f"SELECT pg_get_expr(indexprs, indrelid) FROM pg_index WHERE indexrelid = '{INDEX}'::regclass"
    ).scalar()
    op.execute(f'ALTER TABLE confd_user ADD COLUMN search_folded text GENERATED ALWAYS AS ({expression}) STORED')
    op.execute(f'DROP INDEX {INDEX}')
    op.execute(f'CREATE INDEX {INDEX} ON confd_user USING gin (search_folded gin_trgm_ops)')


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    expression = bind.exec_driver_sql(
        'SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a '
        'ON a.attrelid = d.adrelid AND a.attnum = d.adnum '
        "WHERE d.adrelid = 'confd_user'::regclass AND a.attname = 'search_folded'"
    ).scalar()
    op.execute(f'DROP INDEX {INDEX}')
    op.execute(f'CREATE INDEX {INDEX} ON confd_user USING gin (({expression}) gin_trgm_ops)')
    op.execute('ALTER TABLE confd_user DROP COLUMN search_folded')
