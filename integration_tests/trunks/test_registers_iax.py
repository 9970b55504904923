"""/registers/iax over HTTP against the real daemon: registrations belong to no tenant."""

from __future__ import annotations

import pytest

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import unique
from ..helpers.trunks import register, trunk
from .conftest import Reloads

EVENTS = ['register_iax_created', 'register_iax_edited', 'register_iax_deleted']


def test_create_with_defaults_and_location(api: Client, trunk_daemon: Daemon) -> None:
    response = api.post('/registers/iax', json={'remote_host': 'iax.example.com'})

    assert response.status_code == 201
    body = response.json()
    url = f'{trunk_daemon.base_url}/registers/iax/{body["id"]}'
    assert response.headers['Location'] == url
    assert body == {
        'id': body['id'],
        'auth_username': None,
        'auth_password': None,
        'remote_host': 'iax.example.com',
        'remote_port': None,
        'callback_extension': None,
        'callback_context': None,
        'enabled': True,
        'links': [{'rel': 'register_iax', 'href': url}],
        'trunk': None,
    }
    assert api.get(f'/registers/iax/{body["id"]}').json() == body


def test_create_and_edit_every_field(api: Client) -> None:
    body = {
        'auth_username': 'office',
        'auth_password': 'secret',
        'remote_host': 'iax.example.com',
        'remote_port': 4569,
        'callback_extension': '1000',
        'callback_context': 'from-extern',
        'enabled': False,
    }
    made = register(api, **body)

    assert {key: made[key] for key in body} == body
    assert api.put(f'/registers/iax/{made["id"]}', json={'remote_port': None, 'enabled': True}).status_code == 204
    read = api.get(f'/registers/iax/{made["id"]}').json()
    assert (read['remote_port'], read['enabled'], read['auth_username']) == (None, True, 'office')


@pytest.mark.parametrize(
    'body, field',
    [
        ({}, 'remote_host'),
        ({'remote_host': 'a:b'}, 'remote_host'),
        ({'remote_host': 'h', 'remote_port': 65536}, 'remote_port'),
        ({'remote_host': 'h', 'remote_port': -1}, 'remote_port'),
        ({'remote_host': 'h', 'auth_username': 'a b'}, 'auth_username'),
        ({'remote_host': 'h', 'auth_password': 'a/b'}, 'auth_password'),
        ({'remote_host': 'h', 'callback_extension': 'a?b'}, 'callback_extension'),
        ({'remote_host': 'h', 'enabled': 'yes'}, 'enabled'),
    ],
)
def test_invalid_fields_are_400(api: Client, body: dict, field: str) -> None:
    response = api.post('/registers/iax', json=body)

    assert response.status_code == 400
    assert [e for e in response.json() if e.startswith(f'Input Error - {field}: ')]


USERNAME_ALONE = (
    'Input Error - auth_username: [\'Cannot set field "auth_username" if the field "auth_password" is not set\']'
)
CONTEXT_ALONE = 'Input Error - callback_context: [\'Cannot set field "callback_context" if the field "callback_extension" is not set\']'
TOO_LONG = "Input Error - _schema: ['The sum of all fields is longer than maximum length 255']"


@pytest.mark.parametrize(
    'body, error',
    [
        ({'remote_host': 'h', 'auth_username': 'office'}, USERNAME_ALONE),
        ({'remote_host': 'h', 'callback_context': 'ctx'}, CONTEXT_ALONE),
        ({'remote_host': 'h' * 200, 'auth_username': 'u' * 30, 'auth_password': 'p' * 30}, TOO_LONG),
    ],
)
def test_inconsistent_fields_are_400(api: Client, body: dict, error: str) -> None:
    response = api.post('/registers/iax', json=body)

    assert response.status_code == 400
    assert response.json() == [error]


def test_a_password_alone_is_accepted(api: Client) -> None:
    # As upstream: a username needs a password, not the other way round.
    made = register(api, auth_password='secret')

    assert (made['auth_username'], made['auth_password']) == (None, 'secret')


@pytest.mark.parametrize(
    'body, error',
    [
        ({'auth_password': None}, USERNAME_ALONE),
        ({'callback_extension': None}, CONTEXT_ALONE),
        ({'remote_host': 'h' * 240}, TOO_LONG),
    ],
)
def test_an_edit_is_checked_against_the_whole_registration(api: Client, body: dict, error: str) -> None:
    fields = {
        'auth_username': 'office',
        'auth_password': 'secret',
        'callback_extension': '1000',
        'callback_context': 'c',
    }
    made = register(api, **fields)

    response = api.put(f'/registers/iax/{made["id"]}', json=body)

    assert response.status_code == 400
    assert response.json() == [error]
    assert api.get(f'/registers/iax/{made["id"]}').json() == made


def test_empty_parts_read_back_as_null(api: Client) -> None:
    empty = {'auth_username': '', 'auth_password': '', 'callback_extension': '', 'callback_context': ''}

    made = register(api, remote_port=0, **empty)

    # As upstream, which keeps only the parts of the `register =>` line that say something.
    assert {key: made[key] for key in [*empty, 'remote_port']} == dict.fromkeys([*empty, 'remote_port'])
    assert api.put(f'/registers/iax/{made["id"]}', json={'callback_extension': ''}).status_code == 204
    assert api.get(f'/registers/iax/{made["id"]}').json() == made


def test_unknown_register_is_404(api: Client) -> None:
    for method in ('get', 'put', 'delete'):
        response = api.request(method, '/registers/iax/999999', json={})

        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - IAXRegister was not found ('id': 999999)"]


def test_every_tenant_sees_the_registrations(api: Client, trunk_daemon: Daemon) -> None:
    made = register(api)
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']

    response = trunk_daemon.client(tenant=child).get(f'/registers/iax/{made["id"]}')

    assert response.status_code == 200


def test_list_pages_by_id(api: Client) -> None:
    first, second = register(api), register(api)

    page = api.get('/registers/iax', params={'order': 'id', 'direction': 'desc', 'limit': 2}).json()

    assert [r['id'] for r in page['items']] == [second['id'], first['id']]


def test_a_registration_shows_its_trunk(api: Client) -> None:
    made, owner = register(api), trunk(api)
    api.put(f'/trunks/{owner["id"]}/registers/iax/{made["id"]}')

    assert api.get(f'/registers/iax/{made["id"]}').json()['trunk']['id'] == owner['id']


def test_create_edit_delete_events(api: Client, bus: Events) -> None:
    made = register(api)
    api.put(f'/registers/iax/{made["id"]}', json={'remote_port': 1})
    api.delete(f'/registers/iax/{made["id"]}')

    messages = bus.among(*EVENTS)

    assert [(m['name'], m['routing_key'], m['data']) for m in messages] == [
        ('register_iax_created', 'config.register.iax.created', {'id': made['id']}),
        ('register_iax_edited', 'config.register.iax.edited', {'id': made['id']}),
        ('register_iax_deleted', 'config.register.iax.deleted', {'id': made['id']}),
    ]
    assert 'tenant_uuid' not in messages[0]['headers']


def test_each_write_reloads_iax(api: Client, reloads: Reloads) -> None:
    expected = [{'ipbx': ['iax2 reload'], 'agentbus': []}]
    made: dict = {}

    assert reloads(lambda: made.update(register(api))) == expected
    assert reloads(lambda: api.put(f'/registers/iax/{made["id"]}', json={'remote_port': 2})) == expected
    assert reloads(lambda: api.delete(f'/registers/iax/{made["id"]}')) == expected
