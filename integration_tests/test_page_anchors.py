"""Deep pages of users sorted by last name start from remembered positions (anchors,
database/page_anchors.py) that the tenant's change serial (migration 0850) keeps true:
every page is still its slice of the whole order, before and after changes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .helpers.daemon import Daemon, counting_daemon
from .helpers.database import Rows

HEADER = 'X-Confd-Statement-Count'
USERS = 3500
NULL_LASTNAMES = 1300  # more than the spacing of the anchors: pages that reach them are tested
LASTNAMES = ['Martin', 'martin', 'Abel', 'Zola', 'Émile', 'dupont', 'Dupont-2']
SERIAL = "SELECT changes FROM tenant_row_count WHERE table_name = 'confd_user' AND tenant_uuid = :t"


@pytest.fixture(scope='module')
def anchored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Daemon, Rows, str]]:
    # One HTTP process: the anchors are remembered per process.
    with counting_daemon(str(tmp_path_factory.mktemp('daemon-anchors')), 'confd_anchors') as (daemon, rows):
        tenant = daemon.client().post('/tenants', json={'name': 'anchors'}).json()['uuid']
        model = daemon.client(tenant=tenant).post('/users', json={'firstname': 'Model', 'lastname': 'Abel'}).json()
        _copy_users(rows, model['id'], USERS - 1)
        yield daemon, rows, tenant


def _copy_users(rows: Rows, model_id: int, count: int) -> None:
    """`count` copies of a user made through the API, with last names that tie, differ only
    in case and accents, or are NULL: one INSERT (the counting triggers run as for any)."""
    columns = [
        row['column_name']
        for row in rows.all(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'confd_user'"
            " AND is_generated = 'NEVER' AND column_default IS NULL"
            " AND column_name NOT IN ('uuid', 'lastname', 'email', 'username', 'firstname')"
        )
    ]
    names = ', '.join(columns)
    choices = 'ARRAY[' + ', '.join(f"'{name}'" for name in LASTNAMES) + ']'
    with rows.engine.begin() as connection:
        connection.exec_driver_sql(
            f'INSERT INTO confd_user (uuid, firstname, lastname, {names})'
            f" SELECT gen_random_uuid()::text, 'Copy' || n,"
            f' CASE WHEN n <= {NULL_LASTNAMES} THEN NULL ELSE ({choices})[1 + mod(n, {len(LASTNAMES)})] END, {names}'
            f' FROM confd_user, generate_series(1, {count}) AS n WHERE id = {model_id}'
        )


def _whole(rows: Rows, tenant: str, direction: str) -> list[str]:
    found = rows.all(
        f'SELECT uuid FROM confd_user WHERE tenant_uuid = :t ORDER BY lower(lastname) {direction}, id {direction}',
        t=tenant,
    )
    return [row['uuid'] for row in found]


def _page(daemon: Daemon, tenant: str, direction: str, offset: int, limit: int) -> tuple[list[str], int]:
    params = {'order': 'lastname', 'direction': direction, 'offset': offset, 'limit': limit}
    response = daemon.client(tenant=tenant).get('/users', params=params)
    assert response.status_code == 200
    return [user['uuid'] for user in response.json()['items']], int(response.headers[HEADER])


# Offsets far enough from both ends to start from an anchor, and pages that reach the NULL
# last names (sorted last ascending, first descending), which are walked as before.
PAGES = [(1000, 100), (1234, 100), (1999, 2), (2000, 1), (2100, 200), (1200, 200), (1500, 1000)]


@pytest.mark.parametrize('direction', ['asc', 'desc'])
def test_deep_pages_are_slices_of_the_whole_order(anchored: tuple[Daemon, Rows, str], direction: str) -> None:
    daemon, rows, tenant = anchored
    whole = _whole(rows, tenant, direction)

    for offset, limit in PAGES:
        assert _page(daemon, tenant, direction, offset, limit)[0] == whole[offset : offset + limit], (offset, limit)


def test_anchors_are_read_once_then_again_after_a_rename(anchored: tuple[Daemon, Rows, str]) -> None:
    daemon, rows, tenant = anchored
    client = daemon.client(tenant=tenant)
    _page(daemon, tenant, 'asc', 1100, 10)  # anchors of this order read, if they were not
    _, statements = _page(daemon, tenant, 'asc', 1300, 10)
    user = _whole(rows, tenant, 'asc')[1305]

    assert client.put(f'/users/{user}', json={'firstname': 'Copy', 'lastname': 'Aaron'}).status_code == 204

    page, reread = _page(daemon, tenant, 'asc', 1300, 10)
    assert reread == statements + 2  # the anchors' positions and NULL count, read again
    assert _page(daemon, tenant, 'asc', 1400, 10)[1] == statements
    assert page == _whole(rows, tenant, 'asc')[1300:1310]


def test_pages_follow_creations_and_deletions(anchored: tuple[Daemon, Rows, str]) -> None:
    daemon, rows, tenant = anchored
    client = daemon.client(tenant=tenant)
    _page(daemon, tenant, 'desc', 1500, 50)
    created = [client.post('/users', json={'firstname': 'New', 'lastname': name}).json() for name in ('Martin', 'Bé')]
    gone = _whole(rows, tenant, 'desc')[1200]
    assert client.delete(f'/users/{gone}').status_code == 204

    whole = _whole(rows, tenant, 'desc')
    assert _page(daemon, tenant, 'desc', 1500, 50)[0] == whole[1500:1550]
    assert _page(daemon, tenant, 'desc', 1150, 100)[0] == whole[1150:1250]
    for user in created:
        client.delete(f'/users/{user["uuid"]}')


def test_the_change_serial_counts_what_moves_the_order_only(anchored: tuple[Daemon, Rows, str]) -> None:
    daemon, rows, tenant = anchored
    client = daemon.client(tenant=tenant)
    start = rows.scalar(SERIAL, t=tenant)
    user = client.post('/users', json={'firstname': 'Serial', 'lastname': 'One'}).json()
    created = rows.scalar(SERIAL, t=tenant)

    client.put(f'/users/{user["uuid"]}', json={'firstname': 'Renamed first name only', 'lastname': 'One'})
    assert rows.scalar(SERIAL, t=tenant) == created
    client.put(f'/users/{user["uuid"]}', json={'firstname': 'Serial', 'lastname': 'Two'})
    renamed = rows.scalar(SERIAL, t=tenant)
    client.delete(f'/users/{user["uuid"]}')

    assert start < created < renamed < rows.scalar(SERIAL, t=tenant)


def test_a_user_moved_to_another_tenant_changes_both_serials(anchored: tuple[Daemon, Rows, str]) -> None:
    daemon, rows, tenant = anchored
    other = daemon.client().post('/tenants', json={'name': f'other-{uuid.uuid4().hex[:6]}'}).json()['uuid']
    daemon.client(tenant=other).post('/users', json={'firstname': 'Other'})
    user = daemon.client(tenant=tenant).post('/users', json={'firstname': 'Mover'}).json()
    before = (rows.scalar(SERIAL, t=tenant), rows.scalar(SERIAL, t=other))

    with rows.engine.begin() as connection:
        connection.exec_driver_sql(
            'UPDATE confd_user SET tenant_uuid = %(o)s WHERE uuid = %(u)s', {'o': other, 'u': user['uuid']}
        )

    after = (rows.scalar(SERIAL, t=tenant), rows.scalar(SERIAL, t=other))
    assert after[0] > before[0] and after[1] > before[1]
    assert daemon.client(tenant=other).get('/users', params={'limit': 1}).json()['total'] == 2
