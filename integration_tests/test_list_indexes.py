"""PostgreSQL serves the users' search and default order from the indexes of migrations 0500, 0830.

The search index is on a stored column holding the folded document the daemon derives from
the users' searched columns: if one changes without the other, the last test fails.
"""

from __future__ import annotations

from sqlalchemy import create_engine, func, select, text

from wazo_confd.database.models import load_all
from wazo_confd.database.search import SearchParams, apply_filters, apply_order
from wazo_confd.database.search_index import search_document
from wazo_confd.plugins.user.dao import SEARCH
from wazo_confd.plugins.user.model import User

from .helpers.daemon import Daemon


def plan(daemon: Daemon, params: SearchParams) -> str:
    load_all()  # every model, so that the users' relationships can be configured
    query = select(User.id)
    if params.search is None:
        query = apply_order(query.where(User.tenant_uuid == 'x'), SEARCH, params).limit(100)
    else:
        query = apply_filters(query, SEARCH, params, 'postgresql')
    engine = create_engine(daemon.db_uri)
    try:
        with engine.connect() as connection:
            # The test table is small: forbid the sequential scan to see which index fits.
            connection.execute(text('SET enable_seqscan = off'))
            compiled = query.compile(connection)
            lines = connection.exec_driver_sql('EXPLAIN ' + str(compiled), compiled.params).scalars()
            return '\n'.join(lines)
    finally:
        engine.dispose()


def test_search_uses_the_trigram_index(pg_daemon: Daemon) -> None:
    assert 'ix_confd_user_search' in plan(pg_daemon, SearchParams(search='martin', order='lastname'))


def test_default_order_uses_the_tenant_lastname_index(pg_daemon: Daemon) -> None:
    assert 'ix_confd_user_tenant_lastname' in plan(pg_daemon, SearchParams(order='lastname'))


def test_search_across_a_column_boundary_finds_nothing(pg_daemon: Daemon) -> None:
    client = pg_daemon.client()
    created = client.post('/users', json={'firstname': 'Boundary', 'lastname': 'Zed', 'userfield': 'qqfield'}).json()

    found = client.get('/users', params={'search': 'zed qqfield'}).json()
    client.delete(f'/users/{created["uuid"]}')

    assert found['total'] == 0


def test_search_finds_a_word_of_any_searched_column(pg_daemon: Daemon) -> None:
    client = pg_daemon.client()
    created = client.post('/users', json={'firstname': 'Word', 'userfield': 'Élan-Vital'}).json()

    found = client.get('/users', params={'search': 'elan-vital'}).json()
    client.delete(f'/users/{created["uuid"]}')

    assert [u['uuid'] for u in found['items']] == [created['uuid']]


def test_the_stored_document_is_the_folded_document_of_the_searched_columns(pg_daemon: Daemon) -> None:
    load_all()
    client = pg_daemon.client()
    created = client.post(
        '/users',
        json={
            'firstname': 'Ève',
            'lastname': 'Stored',
            'caller_id': '"Ève S" <1001>',
            'description': 'Desc ½',
            'userfield': 'field',
            'email': 'eve.stored@example.com',
            'mobile_phone_number': '+33612',
            'preprocess_subroutine': 'sub',
            'outgoing_caller_id': 'anonymous',
            'username': 'evestored',
            'subscription_type': 2,
        },
    ).json()
    own = [SEARCH.column(name) for name in SEARCH.search if name not in SEARCH.search_alternatives]
    document = func.confd_fold(search_document(own))
    engine = create_engine(pg_daemon.db_uri)
    try:
        with engine.connect() as connection:
            stored, derived = connection.execute(
                select(SEARCH.stored_document, document).where(User.uuid == created['uuid'])
            ).one()
    finally:
        engine.dispose()
        client.delete(f'/users/{created["uuid"]}')

    assert 'eve stored' in stored and 'evestored' in stored
    assert stored == derived
