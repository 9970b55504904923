"""/registrars over HTTP against the real daemon, and a line's `registrar` checked against them."""

from __future__ import annotations

import re
import uuid

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.lines import context, line
from .helpers.telephony import events

ALL = {
    'name': 'Full',
    'main_host': '1.2.3.4',
    'main_port': 5060,
    'backup_host': '1.2.3.5',
    'backup_port': 5061,
    'proxy_main_host': '1.2.3.6',
    'proxy_main_port': 5062,
    'proxy_backup_host': '1.2.3.7',
    'proxy_backup_port': 5063,
    'outbound_proxy_host': '1.2.3.8',
    'outbound_proxy_port': 5064,
}
OPTIONAL = (
    'name',
    'main_port',
    'backup_host',
    'backup_port',
    'proxy_main_port',
    'proxy_backup_host',
    'proxy_backup_port',
    'outbound_proxy_host',
    'outbound_proxy_port',
)


def _id() -> str:
    return f'reg-{uuid.uuid4().hex[:8]}'


def registrar(client: Client, **fields: object) -> dict:
    response = client.post('/registrars', json={'main_host': '10.0.0.1', 'proxy_main_host': '10.0.0.2', **fields})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope='module')
def sub_key(daemon: Daemon) -> Client:
    """A client with every confd ACL, of a tenant below the master tenant."""
    tenant = daemon.client().post('/tenants', json={'name': f't{uuid.uuid4().hex[:8]}'}).json()
    secret = daemon.admin('keys', 'create', f'k-{uuid.uuid4().hex[:8]}', '--acl', 'confd.#', '--tenant', tenant['uuid'])
    return daemon.client(secret.stdout.strip())


def test_create_with_the_required_fields_generates_the_id(client: Client, daemon: Daemon) -> None:
    response = client.post('/registrars', json={'main_host': '1.2.3.4', 'proxy_main_host': '1.2.3.4'})

    assert response.status_code == 201
    created = response.json()
    assert re.fullmatch(r'[0-9a-f]{32}', created['id'])
    assert response.headers['Location'] == f'{daemon.base_url}/registrars/{created["id"]}'
    assert created['deletable'] is True
    assert all(created[name] is None for name in OPTIONAL)
    assert created['links'] == [{'rel': 'registrars', 'href': f'{daemon.base_url}/registrars/{created["id"]}'}]


def test_all_fields_round_trip_with_a_chosen_id(client: Client) -> None:
    wanted = _id()

    created = registrar(client, id=wanted, deletable=False, **ALL)

    fetched = client.get(f'/registrars/{wanted}').json()
    assert fetched == created
    assert {k: fetched[k] for k in ALL} == ALL and fetched['id'] == wanted and fetched['deletable'] is False


def test_an_id_is_unique(client: Client) -> None:
    taken = registrar(client, id=_id())['id']

    response = client.post('/registrars', json={'id': taken, 'main_host': 'h', 'proxy_main_host': 'h'})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Registrar already exists ('id': '{taken}')"]


@pytest.mark.parametrize(
    'field, value',
    [
        ('main_host', None),
        ('main_host', 123),
        ('main_port', 'wrong'),
        ('backup_host', 123),
        ('backup_port', 'wrong'),
        ('proxy_main_host', None),
        ('proxy_main_host', 123),
        ('proxy_main_port', 'wrong'),
        ('proxy_backup_host', 123),
        ('proxy_backup_port', 'wrong'),
        ('outbound_proxy_host', 123),
        ('outbound_proxy_port', 'wrong'),
        ('main_port', 70000),
        ('deletable', 'no'),
        ('id', 'a/b'),
        ('id', ''),
    ],
)
def test_bogus_fields_are_400_on_create_and_edit(
    client: Client, rows: Rows, field: str, value: int | str | None
) -> None:
    existing = registrar(client)
    before = rows.count('registrar')

    created = client.post('/registrars', json={'main_host': 'h', 'proxy_main_host': 'h', field: value})
    edited = client.put(f'/registrars/{existing["id"]}', json={field: value}) if field != 'id' else None

    assert created.status_code == 400 and created.json()[0].startswith(f'Input Error - {field}:'), created.json()
    if edited is not None:
        assert edited.status_code == 400 and edited.json()[0].startswith(f'Input Error - {field}:'), edited.json()
    assert rows.count('registrar') == before
    assert client.get(f'/registrars/{existing["id"]}').json() == existing


def test_the_hosts_are_required(client: Client) -> None:
    response = client.post('/registrars', json={})

    assert response.status_code == 400
    assert sorted(response.json()) == [
        "Input Error - main_host: ['Missing data for required field.']",
        "Input Error - proxy_main_host: ['Missing data for required field.']",
    ]


def test_put_is_partial_takes_nulls_and_keeps_the_id(client: Client) -> None:
    created = registrar(client, **ALL)

    response = client.put(
        f'/registrars/{created["id"]}', json={'id': 'other', 'main_host': '9.9.9.9', 'name': None, 'main_port': None}
    )

    assert response.status_code == 204
    fetched = client.get(f'/registrars/{created["id"]}').json()
    assert fetched == {**created, 'main_host': '9.9.9.9', 'name': None, 'main_port': None}
    assert client.get('/registrars/other').status_code == 404


def test_the_default_registrar_is_there_and_not_deletable(client: Client) -> None:
    default = client.get('/registrars/default').json()

    response = client.delete('/registrars/default')

    assert default['deletable'] is False and default['name'] == 'local'
    assert response.status_code == 400
    assert response.json() == ["Resource Error - Operation not permitted. Registrar is not deletable ('id': 'default')"]
    assert client.get('/registrars/default').status_code == 200


def test_head_answers_like_get(client: Client) -> None:
    assert client.head('/registrars/default').status_code == 200
    assert client.head('/registrars/nope').status_code == 404


def test_delete_removes_the_registrar(client: Client) -> None:
    created = registrar(client)

    response = client.delete(f'/registrars/{created["id"]}')

    assert response.status_code == 204 and response.content == b''
    assert client.get(f'/registrars/{created["id"]}').status_code == 404


@pytest.mark.parametrize('method', ['GET', 'PUT', 'DELETE'])
def test_an_unknown_registrar_is_404(client: Client, method: str) -> None:
    response = client.request(method, '/registrars/nope', json={'name': 'x'})

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - Registrar was not found ('id': 'nope')"]


def test_list_searches_filters_and_sorts_on_every_field(client: Client) -> None:
    tag = uuid.uuid4().hex[:8]
    first = registrar(client, name=f'{tag}-a', main_port=5060, proxy_main_host=f'99.{tag}.1')
    second = registrar(client, name=f'{tag}-b', main_port=5061, proxy_main_host=f'99.{tag}.2')

    found = client.get(f'/registrars?search={tag}&order=main_port&direction=desc').json()
    exact = client.get('/registrars', params={'proxy_main_host': f'99.{tag}.1'}).json()
    page = client.get(f'/registrars?search={tag}&order=name&limit=1&offset=1').json()

    assert found['total'] == 2 and [r['id'] for r in found['items']] == [second['id'], first['id']]
    assert [r['id'] for r in exact['items']] == [first['id']]
    assert page['total'] == 2 and [r['id'] for r in page['items']] == [second['id']]


def test_search_looks_into_the_ports(client: Client) -> None:
    port = 10000 + uuid.uuid4().int % 50000
    created = registrar(client, outbound_proxy_port=port)

    found = client.get(f'/registrars?search={port}').json()

    assert [r['id'] for r in found['items']] == [created['id']]


def test_list_shows_the_default_registrar(client: Client) -> None:
    assert 'default' in {r['id'] for r in client.get('/registrars').json()['items']}


def test_writes_send_service_events_with_the_registrar(client: Client, rows: Rows) -> None:
    published = Events(client)
    created = registrar(client, id=_id(), **ALL)
    client.put(f'/registrars/{created["id"]}', json={'name': 'Renamed'})
    client.delete(f'/registrars/{created["id"]}')
    expected = {k: v for k, v in created.items() if k != 'links'}

    sent = {
        name: [e for e in events(published, name) if e['body']['data']['id'] == created['id']]
        for name in ('registrar_created', 'registrar_edited', 'registrar_deleted')
    }

    assert [e['body']['data'] for e in sent['registrar_created']] == [expected]
    assert [e['body']['data'] for e in sent['registrar_edited']] == [{**expected, 'name': 'Renamed'}]
    assert [e['body']['data'] for e in sent['registrar_deleted']] == [{**expected, 'name': 'Renamed'}]
    for action, found in zip(('created', 'edited', 'deleted'), sent.values(), strict=True):
        assert found[0]['routing_key'] == f'config.registrar.{action}'
        assert 'tenant_uuid' not in found[0]['headers']


@pytest.mark.parametrize(
    'method, path',
    [
        ('GET', '/registrars'),
        ('POST', '/registrars'),
        ('GET', '/registrars/default'),
        ('PUT', '/registrars/default'),
        ('DELETE', '/registrars/default'),
    ],
)
def test_only_the_master_tenant_reaches_registrars(
    client: Client, rows: Rows, sub_key: Client, method: str, path: str
) -> None:
    before = client.get('/registrars/default').json()
    count = rows.count('registrar')

    response = sub_key.request(method, path, json={'main_host': 'h', 'proxy_main_host': 'h', 'name': 'sub'})

    assert response.status_code == 401
    assert client.get('/registrars/default').json() == before and rows.count('registrar') == count


# --- a line's registrar -----------------------------------------------------------------------
def test_a_line_takes_an_existing_registrar(client: Client) -> None:
    chosen = registrar(client)['id']

    created = line(client, registrar=chosen)

    assert created['registrar'] == chosen
    assert client.get(f'/lines/{created["id"]}').json()['registrar'] == chosen


def test_a_line_refuses_an_unknown_registrar_on_create(client: Client, rows: Rows) -> None:
    before = rows.count('line')

    response = client.post('/lines', json={'context': context(client), 'registrar': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'registrar': Registrar was not found ('registrar': 'nope')"]
    assert rows.count('line') == before


def test_a_line_refuses_an_unknown_registrar_on_edit(client: Client) -> None:
    created = line(client)

    response = client.put(f'/lines/{created["id"]}', json={'registrar': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'registrar': Registrar was not found ('registrar': 'nope')"]
    assert client.get(f'/lines/{created["id"]}').json()['registrar'] == 'default'


def test_a_line_moves_to_another_registrar(client: Client) -> None:
    created, chosen = line(client), registrar(client)['id']

    response = client.put(f'/lines/{created["id"]}', json={'registrar': chosen})

    assert response.status_code == 204
    assert client.get(f'/lines/{created["id"]}').json()['registrar'] == chosen


def test_a_registrar_named_by_a_line_is_not_deleted(client: Client) -> None:
    chosen = registrar(client)['id']
    used_by = line(client, registrar=chosen)

    response = client.delete(f'/registrars/{chosen}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Registrar is associated with a Line ('registrar_id': '{chosen}', 'line_id': {used_by['id']})"
    ]
    assert client.get(f'/registrars/{chosen}').status_code == 200
