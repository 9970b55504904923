"""POST /users with nested lines and voicemail: a whole user in one call, in one transaction."""

from __future__ import annotations

import time

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, unique
from .helpers.telephony import create, create_context, create_user, create_voicemail, number, sub_tenant

TABLES = ('confd_user', 'line', 'endpoint_sip', 'extension', 'voicemail', 'user_line', 'user_voicemail')


def sip_line_body(context: dict, exten: str = '1001') -> dict:
    credentials = [['username', unique('u')], ['password', 'secret']]
    return {
        'context': context['name'],
        'endpoint_sip': {'label': unique('sip'), 'auth_section_options': credentials},
        'extensions': [{'exten': exten}],
    }


def voicemail_body(context: dict) -> dict:
    return {'name': unique('vm'), 'number': number(), 'context': context['name']}


def counts(rows: Rows) -> dict:
    return {table: rows.count(table) for table in TABLES}


def test_one_call_provisions_user_line_endpoint_extension_and_voicemail(
    client: Client, daemon: Daemon, rows: Rows
) -> None:
    context = create_context(client)
    events = Events(client)
    events = Events(client)
    body: dict = {'firstname': 'Ada', 'voicemail': voicemail_body(context), 'lines': [sip_line_body(context)]}

    response = client.post('/users', json=body)

    assert response.status_code == 201, response.text
    user = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/users/{user["id"]}'
    assert user['firstname'] == 'Ada'
    [line] = user['lines']
    assert line['context'] == context['name'] and line['protocol'] == 'sip'
    assert line['endpoint_sip']['label'] == body['lines'][0]['endpoint_sip']['label']
    assert [(e['exten'], e['context']) for e in line['extensions']] == [('1001', context['name'])]
    assert user['voicemail']['number'] == body['voicemail']['number']
    assert user['voicemail']['tenant_uuid'] == user['tenant_uuid']
    shown = client.get(f'/users/{user["id"]}').json()
    assert [found['id'] for found in shown['lines']] == [line['id']]
    assert shown['voicemail']['id'] == user['voicemail']['id']
    assert (
        rows.count('user_line', 'user_id = :u AND line_id = :l AND main_line AND main_user', u=user['id'], l=line['id'])
        == 1
    )
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 1
    assert rows.count('user_voicemail', 'user_uuid = :u', u=user['uuid']) == 1
    assert [e['name'] for e in events.all()] == [
        'user_created',
        'voicemail_created',
        'user_voicemail_associated',
        'line_created',
        'sip_endpoint_created',
        'line_endpoint_sip_associated',
        'extension_created',
        'line_extension_associated',
        'user_line_associated',
    ]


def test_several_lines_the_first_one_main(client: Client, rows: Rows) -> None:
    context = create_context(client)
    body = {'firstname': 'Bo', 'lines': [sip_line_body(context, '1001'), sip_line_body(context, '1002')]}

    user = create(client, '/users', body)

    first, second = (line['id'] for line in user['lines'])
    assert rows.count('user_line', 'user_id = :u AND line_id = :l AND main_line', u=user['id'], l=first) == 1
    assert rows.count('user_line', 'user_id = :u AND line_id = :l AND NOT main_line', u=user['id'], l=second) == 1
    # Each line is new: the user is the main user of both.
    assert rows.count('user_line', 'user_id = :u AND main_user', u=user['id']) == 2


def test_a_nested_line_is_linked_to_an_extension_that_exists(client: Client, rows: Rows) -> None:
    context = create_context(client)
    other = create(client, '/lines', sip_line_body(context, '1003'))
    [extension] = other['extensions']

    user = create(client, '/users', {'firstname': 'Di', 'lines': [sip_line_body(context, '1003')]})

    [line] = user['lines']
    assert [e['id'] for e in line['extensions']] == [extension['id']]
    assert rows.count('extension', "exten = '1003' AND context = :c", c=context['name']) == 1
    assert rows.count('line_extension', 'extension_id = :e', e=extension['id']) == 2
    assert (
        rows.count('user_line', 'user_id = :u AND line_id = :l AND main_line AND main_user', u=user['id'], l=line['id'])
        == 1
    )


def test_voicemail_linked_by_id(client: Client, rows: Rows) -> None:
    voicemail = create_voicemail(client, create_context(client))
    events = Events(client)

    user = create(client, '/users', {'firstname': 'Cy', 'voicemail': {'id': voicemail['id']}})

    assert user['voicemail']['id'] == voicemail['id'] and user['voicemail']['number'] == voicemail['number']
    assert rows.count('user_voicemail', 'user_uuid = :u AND voicemail_id = :v', u=user['uuid'], v=voicemail['id']) == 1
    assert [e['name'] for e in events.all()] == ['user_created', 'user_voicemail_associated']


@pytest.mark.parametrize(('names', 'expected'), [({'lastname': 'Lovelace'}, 'Ada Lovelace'), ({}, 'Ada')])
def test_a_voicemail_without_name_is_named_after_its_user(
    client: Client, rows: Rows, names: dict, expected: str
) -> None:
    context = create_context(client)
    body = {'number': number(), 'context': context['name']}

    user = create(client, '/users', {'firstname': 'Ada', **names, 'voicemail': body})

    assert user['voicemail']['name'] == expected
    assert client.get(f'/voicemails/{user["voicemail"]["id"]}').json()['name'] == expected
    assert rows.scalar('SELECT name FROM voicemail WHERE id = :v', v=user['voicemail']['id']) == expected
    assert client.get(f'/users/{user["id"]}').json()['voicemail']['name'] == expected


def test_without_nested_objects_nothing_else_is_written(client: Client, rows: Rows) -> None:
    events = Events(client)

    user = create(client, '/users', {'firstname': 'Di', 'lines': [], 'voicemail': None})

    assert user['lines'] == [] and user['voicemail'] is None
    assert [e['name'] for e in events.all()] == ['user_created']


def test_nested_keys_without_a_resource_here_are_ignored(client: Client, rows: Rows) -> None:
    events = Events(client)
    ignored = {
        'auth': {'username': unique('auth')},
        'groups': [{'uuid': '00000000-0000-0000-0000-000000000000'}],
        'incalls': [{'extensions': [{'context': 'from-extern', 'exten': '5551234'}]}],
        'agent': {'number': '1234'},
        'switchboards': [{'uuid': '00000000-0000-0000-0000-000000000000'}],
        'queues': [{'id': 1}],
        'fallbacks': {'busy_destination': {'type': 'none'}},
    }

    user = create(client, '/users', {'firstname': 'Ed', **ignored})

    assert user['groups'] == [] and user['incalls'] == [] and user['agent'] is None
    assert [e['name'] for e in events.all()] == ['user_created']


def test_nested_forwards_are_set_after_the_user_and_its_lines(client: Client, rows: Rows) -> None:
    context = create_context(client)
    events = Events(client)
    forwards = {'busy': {'enabled': True, 'destination': '123'}, 'unconditional': {'destination': '9'}}

    user = create(client, '/users', {'firstname': 'Fa', 'lines': [sip_line_body(context)], 'forwards': forwards})

    expected = {
        'busy': {'enabled': True, 'destination': '123'},
        'noanswer': {'enabled': False, 'destination': None},
        'unconditional': {'enabled': False, 'destination': '9'},
    }
    assert user['forwards'] == expected
    assert client.get(f'/users/{user["id"]}/forwards').json() == expected
    names = [e['name'] for e in events.all() if e['name'].startswith(('user_', 'users_'))]
    assert names == [
        'user_created',
        'user_line_associated',
        'users_forwards_busy_updated',
        'users_forwards_noanswer_updated',
        'users_forwards_unconditional_updated',
    ]


def test_an_enabled_nested_forward_without_destination_creates_nothing(client: Client, rows: Rows) -> None:
    before = counts(rows)
    firstname = unique('fwd')

    response = client.post('/users', json={'firstname': firstname, 'forwards': {'noanswer': {'enabled': True}}})
    invalid = client.post('/users', json={'firstname': firstname, 'forwards': {'busy': {'enabled': 'yes'}}})

    assert response.status_code == 400
    assert response.json() == ['Resource Error - Forward must be disabled to remove destination']
    assert invalid.status_code == 400
    assert invalid.json() == ["Input Error - busy: {'enabled': ['Not a valid boolean.']}"]
    assert counts(rows) == before


class TestFailuresWriteNothing:
    """Each failure answers as the equivalent separate call would, and leaves no row and no event."""

    def check(self, client: Client, rows: Rows, body: dict, status: int) -> list:
        before = counts(rows)
        published = Events(client)

        response = client.post('/users', json={'firstname': unique('fail'), **body})

        assert response.status_code == status, response.text
        assert counts(rows) == before
        assert published.all() == []
        return response.json()

    def test_unknown_device_of_a_nested_line(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        line = {**sip_line_body(context), 'device_id': 'a1b2c3d4e5f6'}

        error = self.check(client, rows, {'voicemail': voicemail_body(context), 'lines': [line]}, 404)

        assert error == ["Resource Not Found - Device was not found ('id': 'a1b2c3d4e5f6')"]

    def test_nested_line_on_an_extension_with_a_main_user(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        other = create(client, '/lines', sip_line_body(context, '1005'))
        owner = create_user(client)
        assert client.put(f'/users/{owner["id"]}/lines/{other["id"]}').status_code == 204

        error = self.check(client, rows, {'lines': [sip_line_body(context, '1005')]}, 400)

        extension_id = other['extensions'][0]['id']
        assert error == [
            f"Resource Error - Line is associated with a Extension ('line_id': {other['id']}, 'extension_id': {extension_id})"
        ]

    def test_invalid_nested_endpoint(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        line = {'context': context['name'], 'endpoint_custom': {'interface': 'bad interface'}}

        error = self.check(client, rows, {'voicemail': voicemail_body(context), 'lines': [line]}, 400)

        assert error == client.post('/lines', json=line).json()
        assert error[0].startswith("Input Error - endpoint_custom: {'interface': ")

    def test_extension_out_of_the_context_ranges(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        line = sip_line_body(context, '5555')

        error = self.check(client, rows, {'voicemail': voicemail_body(context), 'lines': [line]}, 400)

        assert error == [f"Input Error - Extension '5555' is outside of range for context '{context['name']}'"]

    def test_second_line_fails_after_the_first_was_made(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        lines = [sip_line_body(context, '1001'), {'context': 'no-such-context'}]

        error = self.check(client, rows, {'lines': lines}, 400)

        assert error == ["Input Error - field 'context': Context was not found ('context': 'no-such-context')"]

    def test_line_without_endpoint_cannot_be_given_to_the_user(self, client: Client, rows: Rows) -> None:
        context = create_context(client)

        error = self.check(client, rows, {'lines': [{'context': context['name']}]}, 400)

        assert len(error) == 1 and error[0].startswith('Resource Error - Line must be associated with a Endpoint')

    def test_invalid_line_list(self, client: Client, rows: Rows) -> None:
        assert self.check(client, rows, {'lines': 'x'}, 400) == ["Input Error - lines: ['Not a valid list.']"]

    def test_invalid_voicemail_body(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        body = {**voicemail_body(context), 'number': 'abc'}
        owner = create_user(client)

        error = self.check(client, rows, {'voicemail': body, 'lines': [sip_line_body(context)]}, 400)

        assert error == client.post(f'/users/{owner["id"]}/voicemails', json=body).json()

    def test_voicemail_without_id_nor_fields(self, client: Client, rows: Rows) -> None:
        error = self.check(client, rows, {'voicemail': {}}, 400)

        assert error == [
            "Input Error - voicemail: {'_schema': ['name, number and context must be provided if no id provided']}"
        ]

    def test_voicemail_number_taken(self, client: Client, rows: Rows) -> None:
        context = create_context(client)
        taken = create_voicemail(client, context)
        body = {'name': 'dup', 'number': taken['number'], 'context': context['name']}

        error = self.check(client, rows, {'voicemail': body}, 400)

        assert error == client.post('/voicemails', json=body).json()

    def test_unknown_voicemail_id(self, client: Client, rows: Rows) -> None:
        error = self.check(client, rows, {'voicemail': {'id': 999999}}, 404)

        assert error == ["Resource Not Found - Voicemail was not found ('id': 999999)"]

    @pytest.mark.parametrize('value', ['12', True, 1.5])
    def test_voicemail_id_must_be_an_integer(self, client: Client, rows: Rows, value: bool | float | str) -> None:
        error = self.check(client, rows, {'voicemail': {'id': value}}, 400)

        assert error == ["Input Error - voicemail: {'id': ['Not a valid integer.']}"]

    def test_global_voicemail_cannot_be_linked(self, client: Client, rows: Rows) -> None:
        voicemail = create_voicemail(client, create_context(client), accesstype='global')

        error = self.check(client, rows, {'voicemail': {'id': voicemail['id']}}, 400)

        assert error == ['Resource Error - Operation not permitted. A global voicemail cannot be associated to users.']

    def test_voicemail_of_another_tenant_is_refused_as_by_put(self, daemon: Daemon, client: Client, rows: Rows) -> None:
        owner = create_user(client)
        sub = daemon.client(tenant=sub_tenant(rows, owner['tenant_uuid']))
        voicemail = create_voicemail(sub, create_context(sub))
        time.sleep(2.5)  # the token's cached list of visible tenants now holds the sub-tenant

        error = self.check(client, rows, {'voicemail': {'id': voicemail['id']}}, 400)

        assert error[0].startswith('Resource Error - different tenants')
        assert error == client.put(f'/users/{owner["id"]}/voicemails/{voicemail["id"]}').json()
