"""Extensions take the users' read path (database/tenant_pages.py) by declaring it: the
totals of unfiltered pages of one tenant come from the row counts the triggers of
migration 0950 keep, and deep pages sorted by exten start from anchors that the tenant's
change serial keeps true. Every page is its slice of the whole order, every total a real
count, before and after changes in several tenants."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers.daemon import Daemon, counting_daemon
from .helpers.database import Rows
from .helpers.telephony import create, create_context

HEADER = 'X-Confd-Statement-Count'
EXTENSIONS = 2600  # deep pages more than the anchors' spacing (1,000) from both ends
KEPT = "SELECT count, changes FROM tenant_row_count WHERE table_name = 'extension' AND tenant_uuid = :t"


@pytest.fixture(scope='module')
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Daemon, Rows, dict, dict]]:
    # One HTTP process: the anchors are remembered per process.
    workdir = str(tmp_path_factory.mktemp('daemon-extension-pages'))
    with counting_daemon(workdir, 'confd_extension_pages') as (daemon, rows):
        first, second = (_tenant_context(daemon, name) for name in ('pages-one', 'pages-two'))
        # Extens that tie in their first digits and sort as text ('10' before '9').
        with rows.engine.begin() as connection:
            connection.exec_driver_sql(
                'INSERT INTO extension (tenant_uuid, exten, context, commented)'
                " SELECT %(t)s, (mod(n * 7919, 9973))::text || CASE WHEN mod(n, 3) = 0 THEN '' ELSE '#' || n END,"
                ' %(c)s, false FROM generate_series(1, %(count)s) AS n',
                {'t': first['tenant_uuid'], 'c': first['name'], 'count': EXTENSIONS},
            )
        for n in range(3):
            create(
                daemon.client(tenant=second['tenant_uuid']),
                '/extensions',
                {'exten': f'5{n}', 'context': second['name']},
            )
        yield daemon, rows, first, second


def _tenant_context(daemon: Daemon, name: str) -> dict:
    tenant = daemon.client().post('/tenants', json={'name': name}).json()['uuid']
    return create_context(daemon.client(tenant=tenant))


def _kept(rows: Rows, tenant: str) -> tuple[int, int]:
    [row] = rows.all(KEPT, t=tenant)
    return row['count'], row['changes']


def _whole(rows: Rows, tenant: str, direction: str) -> list[int]:
    found = rows.all(
        f'SELECT id FROM extension WHERE tenant_uuid = :t ORDER BY exten {direction}, id {direction}', t=tenant
    )
    return [row['id'] for row in found]


def _page(daemon: Daemon, tenant: str, direction: str, offset: int, limit: int) -> tuple[list[int], int, int]:
    params = {'order': 'exten', 'direction': direction, 'offset': offset, 'limit': limit}
    response = daemon.client(tenant=tenant).get('/extensions', params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    return [item['id'] for item in body['items']], body['total'], int(response.headers[HEADER])


@pytest.mark.parametrize('direction', ['asc', 'desc'])
def test_deep_pages_are_slices_of_the_whole_order(paged: tuple[Daemon, Rows, dict, dict], direction: str) -> None:
    daemon, rows, first, _ = paged
    tenant = first['tenant_uuid']
    whole = _whole(rows, tenant, direction)

    for offset, limit in [(0, 10), (1000, 100), (1234, 100), (1999, 2), (2000, 1), (1300, 1000), (2590, 20)]:
        ids, total, _ = _page(daemon, tenant, direction, offset, limit)
        assert (ids, total) == (whole[offset : offset + limit], len(whole)), (offset, limit)


def test_anchors_are_read_once_then_again_after_a_change_of_exten(paged: tuple[Daemon, Rows, dict, dict]) -> None:
    daemon, rows, first, _ = paged
    tenant = first['tenant_uuid']
    _page(daemon, tenant, 'asc', 1100, 10)  # anchors of this order read, if they were not
    statements = _page(daemon, tenant, 'asc', 1300, 10)[2]
    moved = _whole(rows, tenant, 'asc')[1305]

    response = daemon.client(tenant=tenant).put(
        f'/extensions/{moved}', json={'exten': '0000', 'context': first['name']}
    )
    assert response.status_code == 204, response.text

    ids, _, reread = _page(daemon, tenant, 'asc', 1300, 10)
    assert reread == statements + 2  # the anchors' positions and NULL count, read again
    assert _page(daemon, tenant, 'asc', 1400, 10)[2] == statements
    assert ids == _whole(rows, tenant, 'asc')[1300:1310]


def test_totals_and_pages_follow_creations_and_deletions_in_several_tenants(
    paged: tuple[Daemon, Rows, dict, dict],
) -> None:
    daemon, rows, first, second = paged
    one, two = daemon.client(tenant=first['tenant_uuid']), daemon.client(tenant=second['tenant_uuid'])
    _page(daemon, first['tenant_uuid'], 'desc', 1500, 50)  # anchors read before the changes
    serials = (_kept(rows, first['tenant_uuid']), _kept(rows, second['tenant_uuid']))
    created = [create(one, '/extensions', {'exten': exten, 'context': first['name']}) for exten in ('1', '99999')]
    create(two, '/extensions', {'exten': '60', 'context': second['name']})
    gone = _whole(rows, first['tenant_uuid'], 'desc')[1200]
    assert one.delete(f'/extensions/{gone}').status_code == 204
    assert two.delete(f'/extensions/{two.get("/extensions").json()["items"][0]["id"]}').status_code == 204

    for context, serial in zip((first, second), serials, strict=True):
        tenant = context['tenant_uuid']
        real = rows.count('extension', 'tenant_uuid = :t', t=tenant)
        count, changes = _kept(rows, tenant)
        assert (count, changes > serial[1]) == (real, True)
        assert daemon.client(tenant=tenant).get('/extensions', params={'limit': 1}).json()['total'] == real
    whole = _whole(rows, first['tenant_uuid'], 'desc')
    assert _page(daemon, first['tenant_uuid'], 'desc', 1500, 50)[:2] == (whole[1500:1550], len(whole))
    assert _page(daemon, first['tenant_uuid'], 'desc', 1150, 100)[:2] == (whole[1150:1250], len(whole))
    assert len(whole) == EXTENSIONS + len(created) - 1


def test_a_filtered_or_searched_page_counts_its_rows(paged: tuple[Daemon, Rows, dict, dict]) -> None:
    daemon, rows, first, _ = paged
    client = daemon.client(tenant=first['tenant_uuid'])
    searched = rows.count('extension', "tenant_uuid = :t AND exten LIKE '%#1%'", t=first['tenant_uuid'])

    page = client.get('/extensions', params={'search': '#1', 'offset': 5, 'limit': 5}).json()
    exact = client.get('/extensions', params={'exten': '0000'}).json()

    assert (page['total'], len(page['items'])) == (searched, 5)
    assert exact['total'] == rows.count('extension', "tenant_uuid = :t AND exten = '0000'", t=first['tenant_uuid'])
