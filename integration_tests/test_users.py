"""/users over HTTP against the real daemon, on PostgreSQL and on SQLite."""

from __future__ import annotations

import uuid

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events


def unique(name: str) -> str:
    return f'{name}-{uuid.uuid4().hex[:8]}'


def create_user(client: Client, **fields: object) -> dict:
    body = {'firstname': unique('first'), **fields}
    response = client.post('/users', json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_returns_the_user_with_defaults_and_location(client: Client, daemon: Daemon) -> None:
    response = client.post('/users', json={'firstname': 'Alice', 'lastname': 'Martin'})

    assert response.status_code == 201
    user = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/users/{user["id"]}'
    assert user['firstname'] == 'Alice'
    assert user['caller_id'] == '"Alice Martin"'
    assert user['ring_seconds'] == 30
    assert user['simultaneous_calls'] == 5
    assert user['supervision_enabled'] is True
    assert user['enabled'] is True
    assert user['call_transfer_enabled'] is False
    assert user['subscription_type'] == 0
    assert user['lines'] == [] and user['groups'] == [] and user['incalls'] == []
    assert user['voicemail'] is None and user['agent'] is None
    assert user['services'] == {'dnd': {'enabled': False}, 'incallfilter': {'enabled': False}}
    assert user['links'] == [{'rel': 'users', 'href': f'{daemon.base_url}/users/{user["id"]}'}]
    assert user['password'] is None
    uuid.UUID(user['uuid'])


def test_get_by_id_and_by_uuid(client: Client) -> None:
    user = create_user(client, lastname='Doe')

    by_id = client.get(f'/users/{user["id"]}')
    by_uuid = client.get(f'/users/{user["uuid"]}')

    assert by_id.status_code == 200 and by_uuid.status_code == 200
    assert by_id.json() == by_uuid.json()
    assert by_id.json()['lastname'] == 'Doe'


def test_head_answers_200_or_404(client: Client) -> None:
    user = create_user(client)

    assert client.head(f'/users/{user["uuid"]}').status_code == 200
    assert client.head(f'/users/{uuid.uuid4()}').status_code == 404


def test_get_unknown_user_is_404_with_upstream_message(client: Client) -> None:
    response = client.get('/users/999999')

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - User was not found ('id': 999999)"]


def test_path_id_overflowing_integers_is_404(client: Client) -> None:
    assert client.get('/users/99999999999999999999').status_code == 404


def test_put_is_a_partial_update(client: Client, rows: Rows) -> None:
    user = create_user(client, lastname='Before', email=f'{unique("a")}@example.com')

    response = client.put(f'/users/{user["uuid"]}', json={'lastname': 'After', 'ring_seconds': 10})

    assert response.status_code == 204
    assert response.content == b''
    updated = client.get(f'/users/{user["id"]}').json()
    assert updated['lastname'] == 'After'
    assert updated['ring_seconds'] == 10
    assert updated['email'] == user['email']
    assert updated['firstname'] == user['firstname']


def test_delete_removes_the_user(client: Client, rows: Rows) -> None:
    user = create_user(client)

    assert client.delete(f'/users/{user["id"]}').status_code == 204

    assert client.get(f'/users/{user["id"]}').status_code == 404
    assert rows.count('confd_user', 'uuid = :u', u=user['uuid']) == 0


@pytest.mark.parametrize(
    'body, field',
    [
        ({}, 'firstname'),
        ({'firstname': 42}, 'firstname'),
        ({'firstname': 'x' * 129}, 'firstname'),
        ({'firstname': 'a', 'email': 'not-an-email'}, 'email'),
        ({'firstname': 'a', 'language': 'english'}, 'language'),
        ({'firstname': 'a', 'caller_id': 'no quotes'}, 'caller_id'),
        ({'firstname': 'a', 'ring_seconds': 10801}, 'ring_seconds'),
        ({'firstname': 'a', 'ring_seconds': '30'}, 'ring_seconds'),
        ({'firstname': 'a', 'simultaneous_calls': 0}, 'simultaneous_calls'),
        ({'firstname': 'a', 'enabled': 'true'}, 'enabled'),
        ({'firstname': 'a', 'enabled': 1}, 'enabled'),
        ({'firstname': 'a', 'subscription_type': 11}, 'subscription_type'),
        ({'firstname': 'a', 'mobile_phone_number': 'abc'}, 'mobile_phone_number'),
        ({'firstname': 'a', 'username': 'x'}, 'username'),
        ({'firstname': 'a', 'password': 'no'}, 'password'),
        ({'firstname': 'a', 'call_permission_password': 'abc'}, 'call_permission_password'),
        ({'firstname': 'bad\x00name'}, 'firstname'),
    ],
)
def test_invalid_fields_are_400_and_write_nothing(client: Client, rows: Rows, body: dict, field: str) -> None:
    before = rows.count('confd_user')
    published = Events(client)

    response = client.post('/users', json=body)

    assert response.status_code == 400
    errors = response.json()
    assert isinstance(errors, list)
    assert any(e.startswith(f'Input Error - {field}: ') for e in errors), errors
    assert rows.count('confd_user') == before
    assert published.all() == []


def test_put_with_wrong_type_is_400_and_changes_nothing(client: Client) -> None:
    user = create_user(client, lastname='Same')

    response = client.put(f'/users/{user["id"]}', json={'lastname': 'Other', 'ring_seconds': 'x'})

    assert response.status_code == 400
    assert client.get(f'/users/{user["id"]}').json()['lastname'] == 'Same'


def test_duplicate_email_is_rejected(client: Client) -> None:
    email = f'{unique("dup")}@example.com'
    create_user(client, email=email)

    response = client.post('/users', json={'firstname': 'Other', 'email': email})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - User already exists ('email': '{email}')"]


def test_duplicate_username_on_edit_is_rejected(client: Client) -> None:
    username = unique('user')
    create_user(client, username=username)
    other = create_user(client)

    response = client.put(f'/users/{other["id"]}', json={'username': username})

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - User already exists')


def test_read_only_and_unknown_fields_are_ignored(client: Client, daemon: Daemon) -> None:
    forced_uuid = str(uuid.uuid4())
    user = create_user(client, id=424242, uuid=forced_uuid, tenant_uuid=forced_uuid, whatever=1)

    assert user['id'] != 424242
    assert user['uuid'] != forced_uuid
    assert user['tenant_uuid'] != forced_uuid


def test_call_record_enabled_sets_the_four_recording_flags(client: Client) -> None:
    user = create_user(client, call_record_enabled=True)

    assert user['call_record_enabled'] is True
    assert user['call_record_outgoing_external_enabled'] is True
    assert user['call_record_incoming_internal_enabled'] is True


@pytest.fixture(scope='module')
def tag() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope='module')
def users(daemon: Daemon, tag: str) -> list[dict]:
    client = daemon.client()
    names = [('Zoé', 'Alpha'), ('yann', 'bravo'), ('Xavier', 'Charlie'), ('Wanda', 'delta')]
    return [
        create_user(client, firstname=first, lastname=last, userfield=tag, description=f'desc {tag} {i}')
        for i, (first, last) in enumerate(names)
    ]


class TestList:
    def test_envelope_total_and_items(self, client: Client, users: list[dict], tag: str) -> None:
        response = client.get('/users', params={'userfield': tag})

        assert response.status_code == 200
        body = response.json()
        assert body['total'] == 4
        assert len(body['items']) == 4

    def test_default_order_is_lastname_case_insensitive(self, client: Client, users: list[dict], tag: str) -> None:
        items = client.get('/users', params={'userfield': tag}).json()['items']

        assert [u['lastname'] for u in items] == ['Alpha', 'bravo', 'Charlie', 'delta']

    def test_order_and_direction(self, client: Client, users: list[dict], tag: str) -> None:
        items = client.get('/users', params={'userfield': tag, 'order': 'firstname', 'direction': 'desc'}).json()[
            'items'
        ]

        assert [u['firstname'] for u in items] == ['Zoé', 'yann', 'Xavier', 'Wanda']

    def test_limit_and_offset_page_after_counting(self, client: Client, users: list[dict], tag: str) -> None:
        body = client.get('/users', params={'userfield': tag, 'limit': 2, 'offset': 1}).json()

        assert body['total'] == 4
        assert [u['lastname'] for u in body['items']] == ['bravo', 'Charlie']

    def test_search_is_case_and_accent_insensitive(self, client: Client, users: list[dict], tag: str) -> None:
        body = client.get('/users', params={'userfield': tag, 'search': 'ZOE'}).json()

        assert [u['firstname'] for u in body['items']] == ['Zoé']

    def test_search_looks_into_description(self, client: Client, users: list[dict], tag: str) -> None:
        body = client.get('/users', params={'search': f'desc {tag} 2'}).json()

        assert [u['firstname'] for u in body['items']] == ['Xavier']

    def test_search_treats_percent_and_underscore_literally(self, client: Client, users: list[dict], tag: str) -> None:
        assert client.get('/users', params={'userfield': tag, 'search': '%'}).json()['total'] == 0
        assert client.get('/users', params={'userfield': tag, 'search': '_'}).json()['total'] == 0

    def test_search_with_sql_metacharacters_is_harmless(self, client: Client, users: list[dict], tag: str) -> None:
        response = client.get('/users', params={'search': "'; DROP TABLE confd_user; --"})

        assert response.status_code == 200
        assert client.get('/users', params={'userfield': tag}).json()['total'] == 4

    def test_exact_filter_on_a_search_column(self, client: Client, users: list[dict], tag: str) -> None:
        body = client.get('/users', params={'userfield': tag, 'firstname': 'yann'}).json()

        assert [u['lastname'] for u in body['items']] == ['bravo']

    def test_uuid_filter_takes_a_comma_separated_list(self, client: Client, users: list[dict]) -> None:
        wanted = [users[0]['uuid'], users[2]['uuid']]

        body = client.get('/users', params={'uuid': ','.join(wanted)}).json()

        assert sorted(u['uuid'] for u in body['items']) == sorted(wanted)

    def test_summary_view(self, client: Client, users: list[dict], tag: str) -> None:
        item = client.get('/users', params={'userfield': tag, 'view': 'summary', 'limit': 1}).json()['items'][0]

        assert set(item) == {
            'id',
            'uuid',
            'firstname',
            'lastname',
            'email',
            'extension',
            'context',
            'provisioning_code',
            'protocol',
            'enabled',
            'subscription_type',
            'is_webrtc',
        }

    def test_directory_view(self, client: Client, users: list[dict], tag: str) -> None:
        item = client.get('/users', params={'userfield': tag, 'view': 'directory', 'limit': 1}).json()['items'][0]

        assert set(item) == {
            'id',
            'uuid',
            'line_id',
            'agent_id',
            'firstname',
            'lastname',
            'email',
            'exten',
            'mobile_phone_number',
            'voicemail_number',
            'userfield',
            'description',
            'context',
        }
        assert item['userfield'] == tag

    @pytest.mark.parametrize(
        'params, message',
        [
            ({'order': 'nope'}, "Input Error - order: column 'nope' was not found"),
            ({'direction': 'sideways'}, "Input Error - direction: must be 'asc' or 'desc'"),
            ({'limit': 0}, "Input Error - field 'limit': wrong type. Should be a positive number"),
        ],
    )
    def test_bad_list_parameters(self, client: Client, params: dict, message: str) -> None:
        response = client.get('/users', params=params)

        assert response.status_code == 400
        assert response.json() == [message]

    @pytest.mark.parametrize('params', [{'limit': -1}, {'limit': 'x'}, {'offset': -5}, {'offset': 'y'}])
    def test_malformed_limit_and_offset(self, client: Client, params: dict) -> None:
        response = client.get('/users', params=params)

        assert response.status_code == 400
        assert response.json()[0].startswith('Input Error - ')

    def test_huge_limit_and_offset_are_accepted(self, client: Client, users: list[dict], tag: str) -> None:
        assert client.get('/users', params={'userfield': tag, 'limit': 10**12}).json()['total'] == 4
        assert client.get('/users', params={'userfield': tag, 'offset': 10**12}).json()['items'] == []


class TestEvents:
    def test_create_edit_delete_write_outbox_rows_in_the_same_transaction(self, client: Client, rows: Rows) -> None:
        published = Events(client)
        user = create_user(client)
        client.put(f'/users/{user["id"]}', json={'lastname': 'Evented'})
        client.delete(f'/users/{user["id"]}')

        mine = [e for e in published.all('user_') if e['data']['uuid'] == user['uuid']]
        assert [e['name'] for e in mine] == ['user_created', 'user_edited', 'user_deleted']
        assert [e['routing_key'] for e in mine] == ['config.user.created', 'config.user.edited', 'config.user.deleted']
        created = mine[0]
        headers, body = created['headers'], created['body']
        assert headers['name'] == 'user_created'
        assert headers['tenant_uuid'] == user['tenant_uuid']
        assert headers['user_uuid:*'] is True
        assert headers['required_access'] == 'event.user_created'
        assert headers['required_acl'] == 'events.config.user.created'
        assert headers['origin_uuid']
        assert 'event_id' in headers
        assert body['data'] == {
            'id': user['id'],
            'uuid': user['uuid'],
            'subscription_type': 0,
            'created_at': user['created_at'].replace('T', ' '),
            'tenant_uuid': user['tenant_uuid'],
        }
        assert {k: v for k, v in body.items() if k != 'data'} == {k: v for k, v in headers.items() if k != 'event_id'}

    def test_failed_request_writes_no_event(self, client: Client, rows: Rows) -> None:
        published = Events(client)

        client.post('/users', json={'firstname': ''.join(['x'] * 500)})
        client.put('/users/999999', json={'firstname': 'x'})
        client.delete('/users/999999')

        assert published.all() == []


def test_infos_gives_the_platform_uuid(client: Client, rows: Rows) -> None:
    response = client.get('/infos')

    assert response.status_code == 200
    assert response.json()['uuid'] == rows.scalar('SELECT uuid FROM installation')
