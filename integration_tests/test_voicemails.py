"""/voicemails and /users/{id}/voicemails over HTTP against the real daemon."""

from __future__ import annotations

import threading
import time

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import create, create_context, create_user, create_voicemail, events_with, number, sub_tenant

ONLY_ONE_GLOBAL = 'Resource Error - Operation not permitted. There can be only one global voicemail per context.'
GLOBAL_NOT_FOR_USERS = 'Resource Error - Operation not permitted. A global voicemail cannot be associated to users.'


def test_create_returns_the_voicemail_with_defaults_and_location(client: Client, daemon: Daemon) -> None:
    context = create_context(client)

    response = client.post('/voicemails', json={'name': 'Box', 'number': '1000', 'context': context['name']})

    assert response.status_code == 201
    voicemail = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/voicemails/{voicemail["id"]}'
    assert voicemail['accesstype'] == 'personal'
    assert voicemail['ask_password'] is True and voicemail['delete_messages'] is False
    assert voicemail['enabled'] is True and voicemail['attach_audio'] is None
    assert voicemail['options'] == [] and voicemail['users'] == []
    assert voicemail['tenant_uuid'] == context['tenant_uuid']
    assert voicemail['links'] == [{'rel': 'voicemails', 'href': f'{daemon.base_url}/voicemails/{voicemail["id"]}'}]


def test_all_fields_round_trip(client: Client) -> None:
    context = create_context(client)
    body = {
        'name': 'Full',
        'number': number(),
        'context': context['name'],
        'password': '1234',
        'email': 'a@example.com',
        'language': 'fr_FR',
        'timezone': 'eu-fr',
        'pager': 'p@example.com',
        'max_messages': 10,
        'attach_audio': True,
        'delete_messages': True,
        'ask_password': False,
        'enabled': False,
        'options': [['saycid', 'yes']],
    }

    voicemail = create(client, '/voicemails', body)

    assert {k: voicemail[k] for k in body} == body


def test_invalid_fields_are_400(client: Client) -> None:
    context = create_context(client)
    base = {'name': 'x', 'number': number(), 'context': context['name']}

    for bad in (
        {'number': '12a'},
        {'password': 'abc'},
        {'language': 'french'},
        {'options': [['one']]},
        {'ask_password': 'yes'},
        {'accesstype': 'public'},
    ):
        response = client.post('/voicemails', json={**base, **bad})
        assert response.status_code == 400, bad
        assert response.json()[0].startswith(f'Input Error - {next(iter(bad))}:'), response.json()


@pytest.mark.parametrize(
    ('extra', 'message'),
    [
        ({}, 'email must be provided if delete_messages is set'),
        ({'attach_audio': True}, 'email must be provided if delete_messages is set'),
        ({'email': 'a@example.com'}, 'attach_audio must be set if delete_messages is set'),
        ({'email': 'a@example.com', 'attach_audio': False}, 'attach_audio must be set if delete_messages is set'),
    ],
)
def test_delete_messages_needs_an_email_and_attach_audio(client: Client, rows: Rows, extra: dict, message: str) -> None:
    context = create_context(client)
    body = {'name': 'x', 'number': number(), 'context': context['name'], 'delete_messages': True, **extra}

    created = client.post('/voicemails', json=body)
    edited = client.put(
        f'/voicemails/{create_voicemail(client, context)["id"]}', json={'delete_messages': True, **extra}
    )

    assert created.status_code == edited.status_code == 400
    assert created.json() == edited.json() == [f"Input Error - _schema: ['{message}']"]
    assert rows.count('voicemail', 'number = :n', n=body['number']) == 0


def test_unknown_context_is_400(client: Client) -> None:
    response = client.post('/voicemails', json={'name': 'x', 'number': '1000', 'context': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'context': Context was not found ('context': 'nope')"]


def test_number_is_unique_in_its_context(client: Client) -> None:
    context = create_context(client)
    first = create_voicemail(client, context)

    response = client.post('/voicemails', json={'name': 'x', 'number': first['number'], 'context': context['name']})

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Voicemail already exists ('number': '{first['number']}', 'context': '{context['name']}')"
    ]


def test_one_global_voicemail_per_context(client: Client) -> None:
    context = create_context(client)
    create_voicemail(client, context, accesstype='global')

    response = client.post(
        '/voicemails', json={'name': 'x', 'number': number(), 'context': context['name'], 'accesstype': 'global'}
    )

    assert response.status_code == 400
    assert response.json() == [ONLY_ONE_GLOBAL]


def test_an_edit_making_a_second_global_voicemail_of_a_context_is_refused(client: Client) -> None:
    context = create_context(client)
    create_voicemail(client, context, accesstype='global')
    personal = create_voicemail(client, context)

    response = client.put(f'/voicemails/{personal["id"]}', json={'accesstype': 'global'})

    assert response.status_code == 400
    assert response.json() == [ONLY_ONE_GLOBAL]
    assert client.get(f'/voicemails/{personal["id"]}').json()['accesstype'] == 'personal'


def test_concurrent_global_voicemails_of_one_context_let_one_win(pg_daemon: Daemon) -> None:
    context = create_context(pg_daemon.client())
    barrier = threading.Barrier(6)
    answers: list[tuple[int, object]] = []

    def post(n: int) -> None:
        body = {'name': f'g{n}', 'number': f'77{n}', 'context': context['name'], 'accesstype': 'global'}
        barrier.wait()
        response = pg_daemon.client().post('/voicemails', json=body)
        answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in answers) == [201] + [400] * 5
    assert all(body == [ONLY_ONE_GLOBAL] for status, body in answers if status == 400)


def test_a_global_voicemail_may_be_edited(client: Client) -> None:
    voicemail = create_voicemail(client, create_context(client), accesstype='global')

    assert client.put(f'/voicemails/{voicemail["id"]}', json={'name': 'still global'}).status_code == 204


def test_put_is_partial(client: Client) -> None:
    context = create_context(client)
    voicemail = create_voicemail(client, context, email='a@example.com')

    assert client.put(f'/voicemails/{voicemail["id"]}', json={'name': 'renamed'}).status_code == 204

    after = client.get(f'/voicemails/{voicemail["id"]}').json()
    assert after['name'] == 'renamed' and after['email'] == 'a@example.com'


def test_list_default_order_is_number_and_search(client: Client) -> None:
    context = create_context(client)
    tag = context['uuid'][:8]
    for n in ('3', '1', '2'):
        create_voicemail(client, context, name=f'{tag}-{n}')

    listed = client.get('/voicemails', params={'search': tag}).json()

    assert listed['total'] == 3
    numbers = [v['number'] for v in listed['items']]
    assert numbers == sorted(numbers)


def test_unknown_voicemail_is_404(client: Client) -> None:
    for response in (
        client.get('/voicemails/999999'),
        client.put('/voicemails/999999', json={'name': 'x'}),
        client.delete('/voicemails/999999'),
    ):
        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Voicemail was not found ('id': 999999)"]


def test_create_edit_delete_events(client: Client, rows: Rows) -> None:
    published = Events(client)
    context = create_context(client)
    voicemail = create_voicemail(client, context)
    client.put(f'/voicemails/{voicemail["id"]}', json={'name': 'renamed'})
    client.delete(f'/voicemails/{voicemail["id"]}')

    for action in ('created', 'edited', 'deleted'):
        [event] = events_with(published, f'voicemail_{action}', id=voicemail['id'])
        assert event['routing_key'] == f'config.voicemail.{action}'
        assert event['body']['data'] == {'id': voicemail['id']}
        assert event['headers']['tenant_uuid'] == context['tenant_uuid']


class TestUserVoicemail:
    def test_associate_lists_and_shows_on_both_sides(self, client: Client, daemon: Daemon) -> None:
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))

        response = client.put(f'/users/{user["uuid"]}/voicemails/{voicemail["id"]}')

        assert response.status_code == 204
        listed = client.get(f'/users/{user["id"]}/voicemails').json()
        assert listed['total'] == 1 and listed['items'][0]['id'] == voicemail['id']
        users = client.get(f'/voicemails/{voicemail["id"]}').json()['users']
        assert users == [
            {
                'uuid': user['uuid'],
                'firstname': user['firstname'],
                'lastname': user['lastname'],
                'links': [{'rel': 'users', 'href': f'{daemon.base_url}/users/{user["id"]}'}],
            }
        ]
        assert client.get(f'/users/{user["id"]}').json()['voicemail'] == {
            'id': voicemail['id'],
            'name': voicemail['name'],
            'links': [{'rel': 'voicemails', 'href': f'{daemon.base_url}/voicemails/{voicemail["id"]}'}],
        }

    def test_user_without_voicemail_lists_nothing(self, client: Client) -> None:
        user = create_user(client)

        assert client.get(f'/users/{user["uuid"]}/voicemails').json() == {'total': 0, 'items': []}

    def test_post_creates_and_associates(self, client: Client, daemon: Daemon, rows: Rows) -> None:
        published = Events(client)
        context, user = create_context(client), create_user(client)

        response = client.post(
            f'/users/{user["id"]}/voicemails', json={'name': 'Mine', 'number': number(), 'context': context['name']}
        )

        assert response.status_code == 201
        voicemail = response.json()
        assert response.headers['Location'] == f'{daemon.base_url}/voicemails/{voicemail["id"]}'
        assert (
            rows.count('user_voicemail', 'user_uuid = :u AND voicemail_id = :v', u=user['uuid'], v=voicemail['id']) == 1
        )
        assert events_with(published, 'voicemail_created', id=voicemail['id'])
        assert events_with(published, 'user_voicemail_associated', user_uuid=user['uuid'], voicemail_id=voicemail['id'])

    def test_post_for_a_user_with_a_voicemail_creates_nothing(self, client: Client, rows: Rows) -> None:
        context, user = create_context(client), create_user(client)
        first = create_voicemail(client, context)
        client.put(f'/users/{user["id"]}/voicemails/{first["id"]}')
        taken = number()

        response = client.post(
            f'/users/{user["id"]}/voicemails', json={'name': 'x', 'number': taken, 'context': context['name']}
        )

        assert response.status_code == 400
        [message] = response.json()
        # As upstream, the error names the voicemail made for the user (then rolled back).
        prefix = f"Resource Error - User is associated with a Voicemail ('user_id': {user['id']}, 'voicemail_id': "
        assert message.startswith(prefix) and message.endswith(')'), message
        assert int(message[len(prefix) : -1]) > first['id']
        assert rows.count('voicemail', 'number = :n', n=taken) == 0

        # The voicemail's own rules come first.
        duplicate = client.post(
            f'/users/{user["id"]}/voicemails', json={'name': 'x', 'number': first['number'], 'context': context['name']}
        )
        assert duplicate.status_code == 400
        assert duplicate.json() == [
            f"Resource Error - Voicemail already exists ('number': '{first['number']}', 'context': '{context['name']}')"
        ]

    def test_a_user_has_one_voicemail(self, client: Client) -> None:
        context, user = create_context(client), create_user(client)
        first, second = create_voicemail(client, context), create_voicemail(client, context)
        client.put(f'/users/{user["id"]}/voicemails/{first["id"]}')

        response = client.put(f'/users/{user["id"]}/voicemails/{second["id"]}')

        assert response.status_code == 400
        # Upstream names the voicemail being linked (UserHasNoVoicemail).
        assert response.json() == [
            f"Resource Error - User is associated with a Voicemail ('user_id': {user['id']}, 'voicemail_id': {second['id']})"
        ]

    def test_associating_the_same_voicemail_again_changes_nothing(self, client: Client, rows: Rows) -> None:
        published = Events(client)
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))
        client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')

        assert client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}').status_code == 204

        assert len(events_with(published, 'user_voicemail_associated', user_uuid=user['uuid'])) == 1

    def test_a_global_voicemail_cannot_be_associated(self, client: Client) -> None:
        user, voicemail = create_user(client), create_voicemail(client, create_context(client), accesstype='global')

        response = client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')

        assert response.status_code == 400
        assert response.json() == [GLOBAL_NOT_FOR_USERS]

    def test_a_global_voicemail_cannot_be_created_for_a_user(self, client: Client, rows: Rows) -> None:
        user, context = create_user(client), create_context(client)
        body = {'name': 'g', 'number': number(), 'context': context['name'], 'accesstype': 'global'}

        response = client.post(f'/users/{user["id"]}/voicemails', json=body)

        assert response.status_code == 400
        assert response.json() == [GLOBAL_NOT_FOR_USERS]
        assert rows.count('voicemail', 'context = :c', c=context['name']) == 0

    def test_an_associated_voicemail_cannot_become_global_or_be_deleted(self, client: Client) -> None:
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))
        other = create_user(client)
        client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')
        client.put(f'/users/{other["uuid"]}/voicemails/{voicemail["id"]}')

        to_global = client.put(f'/voicemails/{voicemail["id"]}', json={'accesstype': 'global'})
        deleted = client.delete(f'/voicemails/{voicemail["id"]}')

        assert to_global.status_code == 400
        assert to_global.json() == [GLOBAL_NOT_FOR_USERS]
        assert deleted.status_code == 400
        assert deleted.json() == [
            'Resource Error - Voicemail is associated with a User '
            f"('voicemail_id': {voicemail['id']}, 'user_ids': '{user['id']}, {other['id']}')"
        ]

    def test_dissociate(self, client: Client, rows: Rows) -> None:
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))
        client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')

        assert client.delete(f'/users/{user["id"]}/voicemails').status_code == 204

        assert rows.count('user_voicemail', 'user_uuid = :u', u=user['uuid']) == 0

    def test_dissociate_without_voicemail_does_nothing(self, client: Client, rows: Rows) -> None:
        user = create_user(client)
        published = Events(client)

        response = client.delete(f'/users/{user["id"]}/voicemails')

        assert response.status_code == 204
        assert published.all() == []

    def test_deleting_the_user_once_unlinked_frees_the_voicemail(self, client: Client, rows: Rows) -> None:
        # A plain DELETE /users/{id} refuses a user with a voicemail (see test_user_gaps.py).
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))
        client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')
        assert client.delete(f'/users/{user["id"]}/voicemails').status_code == 204

        assert client.delete(f'/users/{user["id"]}').status_code == 204

        assert rows.count('user_voicemail', 'voicemail_id = :v', v=voicemail['id']) == 0
        assert client.delete(f'/voicemails/{voicemail["id"]}').status_code == 204

    def test_other_tenant_voicemail_is_a_tenant_mismatch(self, daemon: Daemon, client: Client, rows: Rows) -> None:
        user = create_user(client)
        sub = daemon.client(tenant=sub_tenant(rows, user['tenant_uuid']))
        voicemail = create_voicemail(sub, create_context(sub))
        time.sleep(2.5)  # the token's cached list of visible tenants now holds the sub-tenant

        response = client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')

        assert response.status_code == 400
        assert response.json()[0].startswith('Resource Error - different tenants')

    def test_unknown_user_or_voicemail_is_404(self, client: Client) -> None:
        user = create_user(client)

        assert client.get('/users/999999/voicemails').status_code == 404
        assert client.put(f'/users/{user["id"]}/voicemails/999999').json() == [
            "Resource Not Found - Voicemail was not found ('id': 999999)"
        ]

    def test_events(self, client: Client, rows: Rows) -> None:
        published = Events(client)
        user, voicemail = create_user(client), create_voicemail(client, create_context(client))
        client.put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}')
        client.put(f'/voicemails/{voicemail["id"]}', json={'name': 'renamed'})
        client.delete(f'/users/{user["id"]}/voicemails')

        expected = {'user_uuid': user['uuid'], 'voicemail_id': voicemail['id']}
        for name, key in (
            ('user_voicemail_associated', f'config.users.{user["uuid"]}.voicemails.updated'),
            ('user_voicemail_edited', f'config.users.{user["uuid"]}.voicemails.edited'),
            ('user_voicemail_dissociated', f'config.users.{user["uuid"]}.voicemails.deleted'),
        ):
            [event] = events_with(published, name, user_uuid=user['uuid'])
            assert event['routing_key'] == key
            assert event['body']['data'] == expected
            assert event['headers'][f'user_uuid:{user["uuid"]}'] is True
            assert 'user_uuid:*' not in event['headers']
            assert event['headers']['tenant_uuid'] == user['tenant_uuid']


def test_concurrent_associations_give_a_user_one_voicemail(pg_daemon: Daemon) -> None:
    import threading

    from .helpers.database import Rows

    client = pg_daemon.client()
    context, user = create_context(client), create_user(client)
    voicemails = [create_voicemail(client, context) for _ in range(4)]
    barrier = threading.Barrier(len(voicemails))
    statuses: list[int] = []

    def associate(voicemail: dict) -> None:
        barrier.wait()
        statuses.append(pg_daemon.client().put(f'/users/{user["id"]}/voicemails/{voicemail["id"]}').status_code)

    threads = [threading.Thread(target=associate, args=(v,)) for v in voicemails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [204] + [400] * 3
    rows = Rows(pg_daemon.db_uri)
    try:
        assert rows.count('user_voicemail', 'user_uuid = :u', u=user['uuid']) == 1
    finally:
        rows.dispose()
