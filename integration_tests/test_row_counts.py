"""The totals of unfiltered user pages come from per-tenant row counts kept by triggers
(PostgreSQL, migration 0840): they must always equal a real count."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .helpers.daemon import Daemon
from .helpers.database import Rows

COUNTS = "SELECT tenant_uuid, count FROM tenant_row_count WHERE table_name = 'confd_user' AND count <> 0"
REAL = 'SELECT tenant_uuid, count(*) AS count FROM confd_user GROUP BY tenant_uuid'


@pytest.fixture
def pg_rows(pg_daemon: Daemon) -> Iterator[Rows]:
    peek = Rows(pg_daemon.db_uri)
    yield peek
    peek.dispose()


def _tenant(daemon: Daemon) -> str:
    return daemon.client().post('/tenants', json={'name': f't{uuid.uuid4().hex[:8]}'}).json()['uuid']


def _counts(rows: Rows, sql: str) -> dict:
    return {row['tenant_uuid']: row['count'] for row in rows.all(sql)}


def test_a_page_total_follows_creations_and_deletions(pg_daemon: Daemon, pg_rows: Rows) -> None:
    tenant = _tenant(pg_daemon)
    client = pg_daemon.client(tenant=tenant)
    users = [client.post('/users', json={'firstname': f'Counted{n}'}).json() for n in range(3)]
    assert client.delete(f'/users/{users[0]["uuid"]}').status_code == 204

    page = client.get('/users', params={'limit': 1, 'offset': 1}).json()

    assert page['total'] == 2 == pg_rows.count('confd_user', 'tenant_uuid = :t', t=tenant)
    assert len(page['items']) == 1


def test_the_counts_equal_the_rows_after_moves_and_bulk_changes(pg_daemon: Daemon, pg_rows: Rows) -> None:
    first, second = _tenant(pg_daemon), _tenant(pg_daemon)
    for n in range(4):
        pg_daemon.client(tenant=first).post('/users', json={'firstname': f'Moved{n}'})
    with pg_rows.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE confd_user SET tenant_uuid = %(second)s WHERE tenant_uuid = %(first)s AND firstname IN ('Moved0', 'Moved1')",
            {'first': first, 'second': second},
        )
        connection.exec_driver_sql(
            "UPDATE confd_user SET description = 'touched' WHERE tenant_uuid = %(t)s", {'t': second}
        )

    assert _counts(pg_rows, COUNTS) == _counts(pg_rows, REAL)
    assert pg_daemon.client(tenant=second).get('/users').json()['total'] == 2


def test_a_deleted_tenant_takes_its_count_with_it(pg_daemon: Daemon, pg_rows: Rows) -> None:
    tenant = _tenant(pg_daemon)
    pg_daemon.client(tenant=tenant).post('/users', json={'firstname': 'Gone'})

    assert pg_daemon.client().delete(f'/tenants/{tenant}').status_code == 204

    assert pg_rows.count('tenant_row_count', 'tenant_uuid = :t', t=tenant) == 0
    assert _counts(pg_rows, COUNTS) == _counts(pg_rows, REAL)


@pytest.mark.parametrize('direction', ['asc', 'desc'])
def test_every_deep_page_of_users_is_its_slice_of_the_whole_order(pg_daemon: Daemon, direction: str) -> None:
    # Pages nearer the end are walked from the end; NULL and equal last names included.
    client = pg_daemon.client(tenant=_tenant(pg_daemon))
    for lastname in [None, 'Martin', None, 'martin', 'Abel', 'Zola', 'Martin']:
        client.post('/users', json={'firstname': 'Paged', 'lastname': lastname})
    order = {'order': 'lastname', 'direction': direction}
    whole = [user['uuid'] for user in client.get('/users', params=order).json()['items']]

    for offset in range(len(whole) + 1):
        page = client.get('/users', params={**order, 'offset': offset, 'limit': 2}).json()
        assert (page['total'], [user['uuid'] for user in page['items']]) == (7, whole[offset : offset + 2]), offset
