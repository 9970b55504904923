"""/endpoints/iax over HTTP against the real daemon."""

from __future__ import annotations

import pytest

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import unique
from ..helpers.trunks import iax, trunk
from .conftest import Reloads

EVENTS = ['iax_endpoint_created', 'iax_endpoint_edited', 'iax_endpoint_deleted']


def iax_name() -> str:
    return unique('iax').replace('-', '_')


def test_create_with_defaults_and_location(api: Client, trunk_daemon: Daemon) -> None:
    response = api.post('/endpoints/iax', json={})

    assert response.status_code == 201
    body = response.json()
    url = f'{trunk_daemon.base_url}/endpoints/iax/{body["id"]}'
    assert response.headers['Location'] == url
    assert len(body['name']) == 8
    assert body == {
        'id': body['id'],
        'tenant_uuid': body['tenant_uuid'],
        'name': body['name'],
        'type': 'friend',
        'host': 'dynamic',
        'options': [],
        'links': [{'rel': 'endpoint_iax', 'href': url}],
        'trunk': None,
    }
    assert api.get(f'/endpoints/iax/{body["id"]}').json() == body


def test_create_and_edit_every_field(api: Client) -> None:
    name = iax_name()
    endpoint = iax(api, name=name, type='peer', host='pbx.example.com', options=[['qualify', 'yes']])

    assert (endpoint['name'], endpoint['type'], endpoint['host'], endpoint['options']) == (
        name,
        'peer',
        'pbx.example.com',
        [['qualify', 'yes']],
    )
    assert api.put(f'/endpoints/iax/{endpoint["id"]}', json={'type': 'user', 'options': []}).status_code == 204
    read = api.get(f'/endpoints/iax/{endpoint["id"]}').json()
    assert (read['type'], read['options'], read['host']) == ('user', [], 'pbx.example.com')


@pytest.mark.parametrize(
    'body, field',
    [
        ({'name': 'bad name'}, 'name'),
        ({'name': 'x' * 41}, 'name'),
        ({'type': 'other'}, 'type'),
        ({'host': 'h' * 256}, 'host'),
        ({'options': [['a']]}, 'options'),
        ({'options': 'a=b'}, 'options'),
    ],
)
def test_invalid_fields_are_400(api: Client, body: dict, field: str) -> None:
    response = api.post('/endpoints/iax', json=body)

    assert response.status_code == 400
    assert [e for e in response.json() if e.startswith(f'Input Error - {field}: ')]


def test_a_taken_name_is_refused_on_create_and_edit(api: Client) -> None:
    taken = iax(api)
    other = iax(api)

    on_create = api.post('/endpoints/iax', json={'name': taken['name']})
    on_edit = api.put(f'/endpoints/iax/{other["id"]}', json={'name': taken['name']})

    expected = [f"Resource Error - IAXEndpoint already exists ('name': '{taken['name']}')"]
    assert (on_create.status_code, on_create.json()) == (400, expected)
    assert (on_edit.status_code, on_edit.json()) == (400, expected)


def test_unknown_endpoint_is_404(api: Client) -> None:
    for method in ('get', 'put', 'delete'):
        response = api.request(method, '/endpoints/iax/999999', json={})

        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - IAXEndpoint was not found ('id': 999999)"]


def test_list_searches_and_orders_by_name(api: Client) -> None:
    tag = unique('l').replace('-', '_')
    second, first = iax(api, name=f'{tag}_b'), iax(api, name=f'{tag}_a', host='findme.example.com')

    by_name = api.get('/endpoints/iax', params={'search': tag}).json()
    by_host = api.get('/endpoints/iax', params={'search': 'findme.example'}).json()

    assert [e['id'] for e in by_name['items']] == [first['id'], second['id']] and by_name['total'] == 2
    assert first['id'] in [e['id'] for e in by_host['items']]
    assert [
        e['id'] for e in api.get('/endpoints/iax', params={'search': tag, 'limit': 1, 'offset': 1}).json()['items']
    ] == [second['id']]


def test_an_endpoint_shows_its_trunk(api: Client, trunk_daemon: Daemon) -> None:
    endpoint, owner = iax(api), trunk(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/iax/{endpoint["id"]}')

    shown = api.get(f'/endpoints/iax/{endpoint["id"]}').json()['trunk']

    assert shown == {
        'id': owner['id'],
        'links': [{'rel': 'trunks', 'href': f'{trunk_daemon.base_url}/trunks/{owner["id"]}'}],
    }


def test_create_edit_delete_events(api: Client, bus: Events) -> None:
    endpoint = iax(api)
    owner = trunk(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/iax/{endpoint["id"]}')
    api.put(f'/endpoints/iax/{endpoint["id"]}', json={'host': 'h.example.com'})
    api.delete(f'/endpoints/iax/{endpoint["id"]}')

    messages = bus.among(*EVENTS)

    assert [(m['name'], m['routing_key']) for m in messages] == [
        ('iax_endpoint_created', 'config.iax_endpoint.created'),
        ('iax_endpoint_edited', 'config.iax_endpoint.edited'),
        ('iax_endpoint_deleted', 'config.iax_endpoint.deleted'),
    ]
    base = {'id': endpoint['id'], 'tenant_uuid': endpoint['tenant_uuid'], 'name': endpoint['name']}
    assert [m['data'] for m in messages] == [
        {**base, 'trunk': None},
        {**base, 'trunk': {'id': owner['id']}},
        {**base, 'trunk': None},  # deleted: the trunk has let it go
    ]
    assert messages[0]['headers']['tenant_uuid'] == endpoint['tenant_uuid']


def test_each_write_reloads_iax(api: Client, reloads: Reloads) -> None:
    expected = [{'ipbx': ['iax2 reload'], 'agentbus': []}]
    made: dict = {}

    assert reloads(lambda: made.update(iax(api))) == expected
    assert reloads(lambda: api.put(f'/endpoints/iax/{made["id"]}', json={'type': 'peer'})) == expected
    assert reloads(lambda: api.delete(f'/endpoints/iax/{made["id"]}')) == expected


def test_deleting_an_endpoint_frees_its_trunk(api: Client) -> None:
    endpoint, owner = iax(api), trunk(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/iax/{endpoint["id"]}')

    assert api.delete(f'/endpoints/iax/{endpoint["id"]}').status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()['endpoint_iax'] is None
