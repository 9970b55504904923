"""/outcalls over HTTP against the real daemon."""

from __future__ import annotations

import pytest
import yaml

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.telephony import create, sub_tenant, unique


def new_outcall(client: Client, **fields: object) -> dict:
    return create(client, '/outcalls', {'name': unique('out'), **fields})


def test_create_returns_the_outcall_with_defaults_and_location(client: Client, daemon: Daemon) -> None:
    name = unique('out')

    response = client.post('/outcalls', json={'name': name})

    assert response.status_code == 201
    outcall = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/outcalls/{outcall["id"]}'
    assert outcall == {
        'id': outcall['id'],
        'tenant_uuid': outcall['tenant_uuid'],
        'name': name,
        'internal_caller_id': False,
        'preprocess_subroutine': None,
        'ring_time': None,
        'description': None,
        'enabled': True,
        'links': [{'rel': 'outcalls', 'href': f'{daemon.base_url}/outcalls/{outcall["id"]}'}],
        'extensions': [],
        'trunks': [],
        'schedules': [],
        'call_permissions': [],
    }
    assert client.get(f'/outcalls/{outcall["id"]}').json() == outcall


def test_create_keeps_every_field(client: Client) -> None:
    body = {
        'name': unique('out'),
        'internal_caller_id': True,
        'preprocess_subroutine': 'sub-out',
        'ring_time': 30,
        'description': 'To the world',
        'enabled': False,
    }

    outcall = new_outcall(client, **body)

    assert {key: outcall[key] for key in body} == body


def test_a_taken_name_is_refused(client: Client) -> None:
    outcall = new_outcall(client)

    response = client.post('/outcalls', json={'name': outcall['name']})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Outcall already exists ('name': '{outcall['name']}')"]


def test_renaming_to_a_taken_name_is_refused(client: Client) -> None:
    first, second = new_outcall(client), new_outcall(client)

    response = client.put(f'/outcalls/{second["id"]}', json={'name': first['name']})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Outcall already exists ('name': '{first['name']}')"]


@pytest.mark.parametrize(
    ('body', 'field'),
    [
        ({}, 'name'),
        ({'name': None}, 'name'),
        ({'name': 'x' * 129}, 'name'),
        ({'name': 'ok', 'internal_caller_id': 'yes'}, 'internal_caller_id'),
        ({'name': 'ok', 'internal_caller_id': None}, 'internal_caller_id'),
        ({'name': 'ok', 'preprocess_subroutine': 'x' * 80}, 'preprocess_subroutine'),
        ({'name': 'ok', 'ring_time': -1}, 'ring_time'),
        ({'name': 'ok', 'ring_time': '30'}, 'ring_time'),
        ({'name': 'ok', 'enabled': 'true'}, 'enabled'),
        ({'name': 'ok', 'description': 42}, 'description'),
    ],
)
def test_invalid_fields_are_400(client: Client, body: dict, field: str) -> None:
    response = client.post('/outcalls', json=body)

    assert response.status_code == 400
    [message] = response.json()
    assert message.startswith('Input Error - ') and field in message


def test_put_is_partial(client: Client) -> None:
    outcall = new_outcall(client, description='before', ring_time=10)

    response = client.put(f'/outcalls/{outcall["id"]}', json={'ring_time': 20, 'preprocess_subroutine': 'sub'})

    assert response.status_code == 204
    after = client.get(f'/outcalls/{outcall["id"]}').json()
    assert (after['ring_time'], after['preprocess_subroutine'], after['description']) == (20, 'sub', 'before')


def test_put_validates_fields(client: Client) -> None:
    outcall = new_outcall(client)

    response = client.put(f'/outcalls/{outcall["id"]}', json={'ring_time': -5})

    assert response.status_code == 400
    assert 'ring_time' in response.json()[0]


@pytest.mark.parametrize('method', ['get', 'put', 'delete'])
def test_unknown_outcall_is_404(client: Client, method: str) -> None:
    response = getattr(client, method)('/outcalls/999999999', **({'json': {}} if method == 'put' else {}))

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - Outcall was not found ('id': 999999999)"]


def test_delete_removes_the_outcall(client: Client) -> None:
    outcall = new_outcall(client)

    assert client.delete(f'/outcalls/{outcall["id"]}').status_code == 204

    assert client.get(f'/outcalls/{outcall["id"]}').status_code == 404


def test_list_searches_orders_and_pages(client: Client) -> None:
    tag = unique('list')
    made = [new_outcall(client, name=f'{tag}-{n}', description=f'{tag} {3 - n}') for n in range(3)]

    found = client.get('/outcalls', params={'search': tag, 'order': 'description'}).json()
    page = client.get('/outcalls', params={'search': tag, 'limit': 1, 'offset': 1}).json()
    exact = client.get('/outcalls', params={'name': made[1]['name']}).json()

    assert found['total'] == 3
    assert [item['id'] for item in found['items']] == [made[2]['id'], made[1]['id'], made[0]['id']]
    assert (page['total'], [item['id'] for item in page['items']]) == (3, [made[1]['id']])
    assert [item['id'] for item in exact['items']] == [made[1]['id']]


def test_another_tenant_sees_nothing_of_the_outcall(client: Client, daemon: Daemon, rows: Rows) -> None:
    outcall = new_outcall(client)
    other = daemon.client(tenant=sub_tenant(rows, outcall['tenant_uuid']))

    assert other.get(f'/outcalls/{outcall["id"]}').status_code == 404
    assert other.put(f'/outcalls/{outcall["id"]}', json={'ring_time': 1}).status_code == 404
    assert other.delete(f'/outcalls/{outcall["id"]}').status_code == 404
    assert outcall['id'] not in [item['id'] for item in other.get('/outcalls').json()['items']]


def test_the_document_shows_the_defaults(client: Client) -> None:
    schemas = yaml.safe_load(client.get('/api/api.yml').text)['components']['schemas']

    fields = schemas['Outcall']['properties']
    assert (fields['enabled'].get('default'), fields['internal_caller_id'].get('default')) == (True, False)
