"""/callpermissions over HTTP against the real daemon."""

from __future__ import annotations

import pytest
import yaml

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.telephony import create, create_user, sub_tenant, unique


def permission(client: Client, **fields: object) -> dict:
    return create(client, '/callpermissions', {'name': unique('perm'), **fields})


def test_create_shows_the_defaults_and_its_location(client: Client, daemon: Daemon) -> None:
    name = unique('perm')

    response = client.post('/callpermissions', json={'name': name})

    assert response.status_code == 201
    created = response.json()
    assert response.headers['Location'].endswith(f'/callpermissions/{created["id"]}')
    assert created == {
        'id': created['id'],
        'tenant_uuid': created['tenant_uuid'],
        'name': name,
        'password': None,
        'mode': 'deny',
        'extensions': [],
        'enabled': True,
        'description': None,
        'links': [{'rel': 'callpermissions', 'href': f'{daemon.base_url}/callpermissions/{created["id"]}'}],
        'users': [],
        'groups': [],
        'outcalls': [],
    }
    assert client.get(f'/callpermissions/{created["id"]}').json() == created


def test_create_with_every_field(client: Client) -> None:
    body = {
        'name': unique('perm'),
        'password': '12*#',
        'mode': 'allow',
        'extensions': ['_900.', '1234', '_+33XXXXXXXXX', '_[1-4]Z!'],
        'enabled': False,
        'description': 'Premium numbers',
    }

    created = create(client, '/callpermissions', body)

    assert {key: created[key] for key in body} == body


def test_a_pattern_given_twice_is_kept_once_in_order(client: Client) -> None:
    created = permission(client, extensions=['_9.', '123', '_9.', '456', '123'])

    assert created['extensions'] == ['_9.', '123', '456']


def test_edit_changes_the_given_fields_only(client: Client) -> None:
    created = permission(client, extensions=['_00.'], password='1234')

    response = client.put(f'/callpermissions/{created["id"]}', json={'mode': 'allow', 'extensions': ['_01.']})

    assert response.status_code == 204
    after = client.get(f'/callpermissions/{created["id"]}').json()
    assert after == {**created, 'mode': 'allow', 'extensions': ['_01.']}


def test_delete_removes_it(client: Client) -> None:
    created = permission(client)

    assert client.delete(f'/callpermissions/{created["id"]}').status_code == 204

    assert client.get(f'/callpermissions/{created["id"]}').status_code == 404


@pytest.mark.parametrize('method', ['get', 'put', 'delete'])
def test_unknown_call_permission_is_404(client: Client, method: str) -> None:
    response = getattr(client, method)('/callpermissions/999999999', **({'json': {}} if method == 'put' else {}))

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - CallPermission was not found ('id': 999999999)"]


def test_a_taken_name_is_refused_on_create_and_edit(client: Client) -> None:
    first, second = permission(client), permission(client)
    expected = [f"Resource Error - CallPermission already exists ('name': '{first['name']}')"]

    created = client.post('/callpermissions', json={'name': first['name']})
    edited = client.put(f'/callpermissions/{second["id"]}', json={'name': first['name']})

    assert (created.status_code, created.json()) == (400, expected)
    assert (edited.status_code, edited.json()) == (400, expected)


def test_keeping_its_own_name_is_no_conflict(client: Client) -> None:
    created = permission(client)

    assert client.put(f'/callpermissions/{created["id"]}', json={'name': created['name']}).status_code == 204


@pytest.mark.parametrize(
    ('body', 'field'),
    [
        ({}, 'name'),
        ({'name': ''}, 'name'),
        ({'name': 'x' * 129}, 'name'),
        ({'name': 42}, 'name'),
        ({'password': 'abc'}, 'password'),
        ({'password': '1' * 41}, 'password'),
        ({'password': ''}, 'password'),
        ({'mode': 'maybe'}, 'mode'),
        ({'mode': None}, 'mode'),
        ({'extensions': ['9a']}, 'extensions'),
        ({'extensions': ['']}, 'extensions'),
        ({'extensions': '_9.'}, 'extensions'),
        ({'extensions': [9]}, 'extensions'),
        ({'enabled': 'yes'}, 'enabled'),
        ({'enabled': None}, 'enabled'),
        ({'description': 4}, 'description'),
    ],
)
def test_invalid_fields_are_400(client: Client, body: dict, field: str) -> None:
    response = client.post('/callpermissions', json={'name': unique('perm'), **body} if field != 'name' else body)

    assert response.status_code == 400
    [message] = response.json()
    assert message.startswith(f'Input Error - {field}: '), message


def test_an_invalid_edit_changes_nothing(client: Client) -> None:
    created = permission(client)

    response = client.put(f'/callpermissions/{created["id"]}', json={'mode': 'never'})

    assert response.status_code == 400
    assert client.get(f'/callpermissions/{created["id"]}').json() == created


def test_list_searches_orders_and_pages(client: Client) -> None:
    tag = unique('list')
    made = [permission(client, name=f'{tag}-{n}', description=f'{tag} d{n}', mode='allow') for n in (2, 0, 1)]

    found = client.get('/callpermissions', params={'search': tag}).json()
    page = client.get(
        '/callpermissions', params={'search': tag, 'order': 'name', 'direction': 'desc', 'limit': 2, 'offset': 1}
    ).json()
    exact = client.get('/callpermissions', params={'name': made[0]['name']}).json()

    assert found['total'] == 3
    assert [item['name'] for item in found['items']] == [f'{tag}-0', f'{tag}-1', f'{tag}-2']
    assert page['total'] == 3
    assert [item['name'] for item in page['items']] == [f'{tag}-1', f'{tag}-0']
    assert [item['id'] for item in exact['items']] == [made[0]['id']]


def test_a_sub_tenant_permission_is_seen_from_the_parent_with_recurse_only(client: Client, rows: Rows) -> None:
    mine = permission(client)
    sub = sub_tenant(rows, mine['tenant_uuid'])
    theirs = permission(client.as_token(client.token, tenant=sub))

    plain = client.get('/callpermissions', params={'search': theirs['name']}).json()
    recursive = client.get('/callpermissions', params={'search': theirs['name'], 'recurse': True}).json()

    assert theirs['tenant_uuid'] == sub
    assert plain['total'] == 0
    assert [item['id'] for item in recursive['items']] == [theirs['id']]
    sub_client = client.as_token(client.token, tenant=sub)
    assert sub_client.get(f'/callpermissions/{mine["id"]}').status_code == 404


def test_it_shows_its_users(client: Client, daemon: Daemon) -> None:
    created = permission(client)
    user = create_user(client)
    assert client.put(f'/users/{user["uuid"]}/callpermissions/{created["id"]}').status_code == 204

    shown = client.get(f'/callpermissions/{created["id"]}').json()['users']
    listed = client.get('/callpermissions', params={'name': created['name']}).json()['items'][0]['users']

    expected = [
        {
            'uuid': user['uuid'],
            'firstname': user['firstname'],
            'lastname': None,
            'links': [{'rel': 'users', 'href': f'{daemon.base_url}/users/{user["id"]}'}],
        }
    ]
    assert shown == listed == expected


def test_deleting_a_permission_frees_its_users(client: Client) -> None:
    created = permission(client)
    user = create_user(client)
    client.put(f'/users/{user["uuid"]}/callpermissions/{created["id"]}')

    assert client.delete(f'/callpermissions/{created["id"]}').status_code == 204

    assert client.get(f'/users/{user["uuid"]}').json()['call_permissions'] == []


def test_the_document_shows_the_defaults(client: Client) -> None:
    schemas = yaml.safe_load(client.get('/api/api.yml').text)['components']['schemas']

    fields = schemas['CallPermission']['properties']
    assert (fields['mode'].get('default'), fields['enabled'].get('default')) == ('deny', True)
