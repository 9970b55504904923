"""PostgreSQL indexes for listing users: trigram search and sort by last name

Revision ID: 0500
Revises: 0001
Create Date: 2026-11-27 22:10:00

Expression indexes only PostgreSQL needs (SQLite, the embedded profile, holds few rows);
they are not declared on the models because autogenerate does not compare them.
`confd_fold` is lower(unaccent()) declared IMMUTABLE so that an index may use it; the
dictionary is named explicitly, which is what makes that declaration true. The search
index's expression is the users' search document of wazo_confd.database.search_index: both
must stay the same expression (an integration test checks PostgreSQL uses the index).
"""

from alembic import op

revision = '0500'
down_revision = '0001'
branch_labels = None
depends_on = None

USER_SEARCH_DOCUMENT = (
    "coalesce(firstname || ' ' || coalesce(lastname, ''), '') || ' ' || coalesce(caller_id, '') || ' ' || "
    "coalesce(description, '') || ' ' || coalesce(userfield, '') || ' ' || coalesce(email, '') || ' ' || "
    "coalesce(mobile_phone_number, '') || ' ' || coalesce(preprocess_subroutine, '') || ' ' || "
    "coalesce(outgoing_caller_id, '') || ' ' || coalesce(username, '') || ' ' || "
    "coalesce(CAST(subscription_type AS VARCHAR), '')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    # pg_trgm is a trusted extension: the database owner may create it.
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    schema = (
        op.get_bind()
        .exec_driver_sql(
            'SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace '
            "WHERE e.extname = 'unaccent'"
        )
        .scalar()
    )
    op.execute(
        'CREATE OR REPLACE FUNCTION confd_fold(text) RETURNS text '
        'LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS '
        f"$$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$"
    )
    op.execute(
        f'CREATE INDEX ix_confd_user_search ON confd_user USING gin (confd_fold({USER_SEARCH_DOCUMENT}) gin_trgm_ops)'
    )
    # The default order of /users; INCLUDE lets deep pages be index-only walks.
    op.execute(
        'CREATE INDEX ix_confd_user_tenant_lastname ON confd_user (tenant_uuid, lower(lastname), id) INCLUDE (lastname)'
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP INDEX IF EXISTS ix_confd_user_tenant_lastname')
    op.execute('DROP INDEX IF EXISTS ix_confd_user_search')
    op.execute('DROP FUNCTION IF EXISTS confd_fold(text)')
