"""Users as upstream has them where plain CRUD differs: readable passwords, a null outgoing
caller id, the deprecated recording switch, a voicemail named after its user, devices of
nested lines, DELETE with a voicemail, the summary's provisioning code, shared extensions."""

from __future__ import annotations

import pytest
import yaml

from .helpers.client import Client
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.lines import unique
from .helpers.telephony import create, create_context, number

CALL_RECORD_CONFLICT = (
    "Input Error - _schema: [\"'call_record_enabled' is deprecated and incompatible with "
    "'call_record_*_enabled' options\"]"
)


def new_user(client: Client, **fields: object) -> dict:
    return create(client, '/users', {'firstname': unique('first'), **fields})


def test_password_is_read_back_and_null_when_unset(client: Client) -> None:
    without = new_user(client)
    with_password = new_user(client, password='s3cret')

    assert without['password'] is None
    assert client.get(f'/users/{without["id"]}').json()['password'] is None
    assert with_password['password'] == 's3cret'
    assert client.get(f'/users/{with_password["uuid"]}').json()['password'] == 's3cret'
    [listed] = client.get('/users', params={'uuid': with_password['uuid']}).json()['items']
    assert listed['password'] == 's3cret'


def test_null_outgoing_caller_id_is_stored_as_null(client: Client, rows: Rows) -> None:
    defaulted = new_user(client)
    nulled = new_user(client, outgoing_caller_id=None)

    assert defaulted['outgoing_caller_id'] == 'default'
    assert nulled['outgoing_caller_id'] is None
    assert client.get(f'/users/{nulled["id"]}').json()['outgoing_caller_id'] is None
    assert rows.scalar('SELECT outgoing_caller_id FROM confd_user WHERE id = :i', i=nulled['id']) is None

    assert client.put(f'/users/{defaulted["id"]}', json={'outgoing_caller_id': None}).status_code == 204
    assert client.get(f'/users/{defaulted["id"]}').json()['outgoing_caller_id'] is None


@pytest.mark.parametrize('flag', ['call_record_outgoing_external_enabled', 'call_record_incoming_internal_enabled'])
@pytest.mark.parametrize('value', [True, False])
def test_call_record_enabled_with_a_detailed_flag_is_refused(
    client: Client, rows: Rows, flag: str, value: bool
) -> None:
    firstname = unique('first')
    body = {'firstname': firstname, 'call_record_enabled': value, flag: not value}

    created = client.post('/users', json=body)

    assert created.status_code == 400
    assert created.json() == [CALL_RECORD_CONFLICT]
    assert rows.count('confd_user', 'firstname = :f', f=firstname) == 0

    user = new_user(client)
    edited = client.put(f'/users/{user["id"]}', json={'call_record_enabled': value, flag: value})
    assert edited.status_code == 400
    assert edited.json() == [CALL_RECORD_CONFLICT]


def test_call_record_enabled_alone_or_null_with_a_flag_is_accepted(client: Client) -> None:
    user = new_user(client, call_record_enabled=True)
    assert user['call_record_enabled'] is True
    assert user['call_record_incoming_external_enabled'] is True

    nulled = new_user(client, call_record_enabled=None, call_record_outgoing_external_enabled=True)
    assert nulled['call_record_outgoing_external_enabled'] is True
    assert nulled['call_record_incoming_external_enabled'] is False

    response = client.put(f'/users/{user["id"]}', json={'call_record_outgoing_external_enabled': False})
    assert response.status_code == 204
    shown = client.get(f'/users/{user["id"]}').json()
    assert shown['call_record_outgoing_external_enabled'] is False
    assert shown['call_record_enabled'] is False


NULL_ON_CREATE = {
    'caller_id': None,
    'call_record_enabled': False,
    'call_transfer_enabled': False,
    'dtmf_hangup_enabled': False,
    'enabled': True,
    'online_call_record_enabled': False,
    'ring_seconds': 30,
    'simultaneous_calls': 5,
    'supervision_enabled': True,
}


def test_null_on_create_keeps_the_default_and_null_on_edit_is_refused(client: Client, rows: Rows) -> None:
    created = new_user(client, lastname='Martin', **dict.fromkeys(NULL_ON_CREATE))
    assert created['caller_id'] == f'"{created["firstname"]} Martin"'
    assert {name: created[name] for name in NULL_ON_CREATE if name != 'caller_id'} == {
        name: default for name, default in NULL_ON_CREATE.items() if name != 'caller_id'
    }

    for name in NULL_ON_CREATE:
        response = client.put(f'/users/{created["id"]}', json={name: None, 'userfield': 'changed'})
        assert response.status_code == 400, name
        assert response.json() == [f"Input Error - {name}: ['Field may not be null.']"]
    assert rows.scalar('SELECT userfield FROM confd_user WHERE id = :i', i=created['id']) is None
    assert client.get(f'/users/{created["id"]}').json() == created | {'lines': [], 'voicemail': None}


def user_with_voicemail(client: Client) -> tuple[dict, dict]:
    user = new_user(client)
    voicemail = create(
        client,
        f'/users/{user["id"]}/voicemails',
        {'name': unique('vm'), 'number': number(), 'context': create_context(client)['name']},
    )
    return user, voicemail


def test_delete_of_a_user_with_a_voicemail_is_refused(client: Client, rows: Rows) -> None:
    user, voicemail = user_with_voicemail(client)
    published = Events(client)

    response = client.delete(f'/users/{user["uuid"]}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - User is associated with a Voicemail ('user_id': {user['id']}, 'voicemail_id': {voicemail['id']})"
    ]
    assert rows.count('confd_user', 'id = :i', i=user['id']) == 1
    assert rows.count('user_voicemail', 'user_uuid = :u', u=user['uuid']) == 1
    assert published.all() == []


def test_recursive_delete_unlinks_and_deletes_the_voicemail(client: Client, rows: Rows) -> None:
    user, voicemail = user_with_voicemail(client)
    published = Events(client)

    response = client.delete(f'/users/{user["id"]}', params={'recursive': 'true'})

    assert response.status_code == 204, response.text
    assert rows.count('confd_user', 'id = :i', i=user['id']) == 0
    assert rows.count('voicemail', 'id = :v', v=voicemail['id']) == 0
    assert rows.count('user_voicemail', 'voicemail_id = :v', v=voicemail['id']) == 0
    assert [e['name'] for e in published.all()] == ['user_voicemail_dissociated', 'voicemail_deleted', 'user_deleted']
    assert published.one('user_voicemail_dissociated')['data'] == {
        'user_uuid': user['uuid'],
        'voicemail_id': voicemail['id'],
    }
    assert client.get(f'/voicemails/{voicemail["id"]}').status_code == 404


def test_recursive_delete_keeps_a_voicemail_other_users_have(client: Client, rows: Rows) -> None:
    user, voicemail = user_with_voicemail(client)
    other = new_user(client)
    assert client.put(f'/users/{other["id"]}/voicemails/{voicemail["id"]}').status_code == 204
    published = Events(client)

    response = client.delete(f'/users/{user["id"]}', params={'recursive': 'true'})

    assert response.status_code == 204, response.text
    assert [e['name'] for e in published.all()] == ['user_voicemail_dissociated', 'user_deleted']
    assert rows.count('voicemail', 'id = :v', v=voicemail['id']) == 1
    assert client.get(f'/users/{other["id"]}').json()['voicemail']['id'] == voicemail['id']


def test_recursive_delete_of_a_user_without_voicemail(client: Client, rows: Rows) -> None:
    user = new_user(client)

    assert client.delete(f'/users/{user["id"]}', params={'recursive': 'false'}).status_code == 204
    assert rows.count('confd_user', 'id = :i', i=user['id']) == 0


def test_recursive_must_be_a_boolean(client: Client, rows: Rows) -> None:
    user, _ = user_with_voicemail(client)

    response = client.delete(f'/users/{user["id"]}', params={'recursive': 'maybe'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - recursive: ['Not a valid boolean.']"]
    assert rows.count('confd_user', 'id = :i', i=user['id']) == 1


def user_with_line(client: Client, **line: object) -> dict:
    user = new_user(client, userfield=SUMMARY_TAG)
    made = create(client, '/lines', {'context': create_context(client)['name'], **line})
    assert client.put(f'/users/{user["id"]}/lines/{made["id"]}').status_code == 204
    return {'user': user, 'line': made}


SUMMARY_TAG = unique('summary')


def test_summary_hides_the_provisioning_code_of_custom_and_webrtc_lines(client: Client) -> None:
    webrtc_template = create(
        client, '/endpoints/sip/templates', {'label': unique('tpl'), 'endpoint_section_options': [['webrtc', 'yes']]}
    )
    plain = user_with_line(client, endpoint_sip={'label': unique('sip')})
    custom = user_with_line(client, endpoint_custom={'interface': unique('custom/i')})
    own_option = user_with_line(
        client, endpoint_sip={'label': unique('sip'), 'endpoint_section_options': [['webrtc', 'yes']]}
    )
    inherited = user_with_line(
        client, endpoint_sip={'label': unique('sip'), 'templates': [{'uuid': webrtc_template['uuid']}]}
    )
    turned_off = user_with_line(
        client,
        endpoint_sip={
            'label': unique('sip'),
            'templates': [{'uuid': webrtc_template['uuid']}],
            'endpoint_section_options': [['webrtc', 'no']],
        },
    )

    items = client.get('/users', params={'userfield': SUMMARY_TAG, 'view': 'summary'}).json()['items']

    summary = {item['uuid']: item for item in items}
    for made, code in (
        (plain, plain['line']['provisioning_code']),
        (custom, None),
        (own_option, None),
        (inherited, None),
        (turned_off, turned_off['line']['provisioning_code']),
    ):
        assert summary[made['user']['uuid']]['provisioning_code'] == code, made['line']
    assert plain['line']['provisioning_code'] is not None
    assert [summary[m['user']['uuid']]['is_webrtc'] for m in (plain, own_option, inherited)] == [False, True, True]
    assert summary[custom['user']['uuid']]['protocol'] == 'custom'


def test_exten_and_mobile_phone_number_filters_take_comma_separated_lists(client: Client) -> None:
    tag, context = unique('listed'), create_context(client)
    made = [
        create(
            client,
            '/users',
            {
                'firstname': unique('first'),
                'userfield': tag,
                'mobile_phone_number': mobile,
                'lines': [
                    {
                        'context': context['name'],
                        'endpoint_sip': {'label': unique('sip')},
                        'extensions': [{'exten': exten}],
                    }
                ],
            },
        )
        for exten, mobile in (('1101', '+15550101'), ('1102', '*5550102'), ('1103', '5550103'))
    ]

    def listed(**params: str) -> list[str]:
        response = client.get('/users', params={'userfield': tag, 'view': 'directory', **params})
        assert response.status_code == 200, response.text
        return sorted(item['exten'] for item in response.json()['items'])

    assert listed(exten='1101,1103') == ['1101', '1103']
    assert listed(exten='1102') == ['1102']
    assert listed(exten='1101,9999,') == ['1101']
    assert listed(mobile_phone_number='+15550101,*5550102') == ['1101', '1102']
    assert listed(mobile_phone_number='5550103') == ['1103']
    # Other exact filters keep a comma as part of the value.
    assert listed(firstname=f'{made[0]["firstname"]},{made[1]["firstname"]}') == []
    document = yaml.safe_load(client.get('/api/api.yml').text)
    described = {p['name']: p.get('description') for p in document['paths']['/users']['get']['parameters']}
    assert 'comma-separated' in described['exten']
    assert 'comma-separated' in described['mobile_phone_number']
    assert 'comma-separated' not in described['firstname']


def test_an_unknown_view_is_upstream_s_error_and_an_empty_one_the_default(client: Client) -> None:
    user = new_user(client)

    unknown = client.get('/users', params={'view': 'bogus'})
    empty = client.get('/users', params={'view': '', 'uuid': user['uuid']})

    assert unknown.status_code == 400
    assert unknown.json() == ["Input Error - view 'bogus' does not exist"]
    assert empty.status_code == 200
    assert empty.json()['items'] == [client.get(f'/users/{user["id"]}').json()]


def test_views_show_empty_texts_as_null_and_the_main_extension_s_context(client: Client) -> None:
    tag, context = unique('blank'), create_context(client)
    bare = new_user(client, userfield=tag, lastname='', description='')
    with_line = user_with_line(client, endpoint_sip={'label': unique('sip')})
    extension = create(
        client, f'/lines/{with_line["line"]["id"]}/extensions', {'exten': '1234', 'context': context['name']}
    )
    assert client.put(f'/users/{with_line["user"]["id"]}', json={'userfield': tag}).status_code == 204
    line_only = user_with_line(client, endpoint_sip={'label': unique('sip')})
    assert client.put(f'/users/{line_only["user"]["id"]}', json={'userfield': tag}).status_code == 204

    def view(name: str) -> dict:
        return {
            item['uuid']: item for item in client.get('/users', params={'userfield': tag, 'view': name}).json()['items']
        }

    directory, summary = view('directory'), view('summary')

    blank = directory[bare['uuid']]
    assert (blank['lastname'], blank['description']) == (None, None)
    assert summary[bare['uuid']]['lastname'] is None
    assert client.get(f'/users/{bare["id"]}').json()['lastname'] == ''
    assert (
        directory[with_line['user']['uuid']]['context']
        == summary[with_line['user']['uuid']]['context']
        == context['name']
    )
    assert directory[line_only['user']['uuid']]['context'] is summary[line_only['user']['uuid']]['context'] is None
    assert line_only['line']['context'] != context['name']

    filtered = client.get('/users', params={'userfield': tag, 'context': context['name'], 'view': 'directory'}).json()
    assert [item['uuid'] for item in filtered['items']] == [with_line['user']['uuid']]
    assert extension['context'] == context['name']
    by_line_context = client.get('/users', params={'userfield': tag, 'context': line_only['line']['context']}).json()
    assert by_line_context['total'] == 0


def test_services_are_read_and_changed_by_id_or_uuid(client: Client) -> None:
    user = new_user(client)

    assert client.get(f'/users/{user["id"]}/services').json() == {
        'dnd': {'enabled': False},
        'incallfilter': {'enabled': False},
    }
    assert client.put(f'/users/{user["uuid"]}/services/dnd', json={'enabled': True}).status_code == 204
    assert client.get(f'/users/{user["uuid"]}/services/dnd').json() == {'enabled': True}
    assert client.put(f'/users/{user["id"]}/services', json={'incallfilter': {'enabled': True}}).status_code == 204
    assert client.get(f'/users/{user["id"]}/services/incallfilter').json() == {'enabled': True}
    assert client.get(f'/users/{user["id"]}').json()['services'] == {
        'dnd': {'enabled': True},
        'incallfilter': {'enabled': True},
    }


@pytest.mark.parametrize(
    ('path', 'body', 'message'),
    [
        ('services/dnd', {}, "Input Error - enabled: ['Missing data for required field.']"),
        ('services/incallfilter', {'enabled': 'yes'}, "Input Error - enabled: ['Not a valid boolean.']"),
        ('services', {'dnd': {}}, "Input Error - dnd: {'enabled': ['Missing data for required field.']}"),
        ('forwards/busy', {'enabled': True}, 'Resource Error - Forward must be disabled to remove destination'),
        (
            'forwards/noanswer',
            {'destination': 'x' * 129},
            "Input Error - destination: ['Longer than maximum length 128.']",
        ),
        (
            'forwards',
            {'unconditional': {'enabled': 1}},
            "Input Error - unconditional: {'enabled': ['Not a valid boolean.']}",
        ),
    ],
)
def test_invalid_services_and_forwards_are_400(client: Client, path: str, body: dict, message: str) -> None:
    user = new_user(client)

    response = client.put(f'/users/{user["id"]}/{path}', json=body)

    assert response.status_code == 400
    assert response.json() == [message]
    assert client.get(f'/users/{user["id"]}').json() == user | {'lines': [], 'voicemail': None}


def test_forwards_are_read_and_changed_and_keep_a_destination_while_enabled(client: Client) -> None:
    user = new_user(client)
    disabled = {'enabled': False, 'destination': None}

    assert client.get(f'/users/{user["id"]}/forwards').json() == dict.fromkeys(
        ('busy', 'noanswer', 'unconditional'), disabled
    )
    busy = {'enabled': True, 'destination': '1234'}
    assert client.put(f'/users/{user["uuid"]}/forwards/busy', json=busy).status_code == 204
    both = {'noanswer': {'enabled': True, 'destination': '5678'}, 'unconditional': {'destination': '42'}}
    assert client.put(f'/users/{user["id"]}/forwards', json=both).status_code == 204

    expected = {'busy': busy, 'noanswer': both['noanswer'], 'unconditional': {'enabled': False, 'destination': '42'}}
    assert client.get(f'/users/{user["id"]}/forwards').json() == expected
    assert client.get(f'/users/{user["id"]}/forwards/unconditional').json() == expected['unconditional']
    assert client.get(f'/users/{user["id"]}').json()['forwards'] == expected
    refused = client.put(f'/users/{user["id"]}/forwards/busy', json={'destination': None})
    assert refused.json() == ['Resource Error - Forward must be disabled to remove destination']
    assert (
        client.put(f'/users/{user["id"]}/forwards/busy', json={'enabled': False, 'destination': None}).status_code
        == 204
    )


def test_services_and_forwards_of_unknown_users_are_404(client: Client) -> None:
    for path in ('services', 'services/dnd', 'forwards', 'forwards/busy'):
        response = client.get(f'/users/99999999/{path}')
        assert response.status_code == 404, path
        assert response.json() == ["Resource Not Found - User was not found ('id': 99999999)"]
        assert client.put(f'/users/99999999/{path}', json={}).status_code == 404, path


def test_service_and_forward_changes_send_one_event_each_to_the_user(client: Client) -> None:
    user = new_user(client)
    published = Events(client)

    assert client.put(f'/users/{user["id"]}/services/dnd', json={'enabled': True}).status_code == 204
    assert (
        client.put(f'/users/{user["id"]}/forwards/busy', json={'enabled': True, 'destination': '12'}).status_code == 204
    )
    assert client.put(f'/users/{user["id"]}/forwards', json={}).status_code == 204

    events = [e for e in published.all() if e['data'].get('user_uuid') == user['uuid'] or e['name'] == 'user_edited']
    assert [(e['name'], e['routing_key']) for e in events] == [
        ('users_services_dnd_updated', f'config.users.{user["uuid"]}.services.dnd.updated'),
        ('users_forwards_busy_updated', f'config.users.{user["uuid"]}.forwards.busy.updated'),
        ('users_forwards_busy_updated', f'config.users.{user["uuid"]}.forwards.busy.updated'),
        ('users_forwards_noanswer_updated', f'config.users.{user["uuid"]}.forwards.noanswer.updated'),
        ('users_forwards_unconditional_updated', f'config.users.{user["uuid"]}.forwards.unconditional.updated'),
    ]
    identity = {'user_id': user['id'], 'user_uuid': user['uuid'], 'tenant_uuid': user['tenant_uuid']}
    assert events[0]['data'] == identity | {'enabled': True}
    assert events[1]['data'] == identity | {'enabled': True, 'destination': '12'}
    assert events[3]['data'] == identity | {'enabled': False, 'destination': None}
    for event, header in zip(events, ('service_name', *['forward_name'] * 4), strict=True):
        name = event['name'].split('_')[2]
        assert event['headers'][header] == name
        assert event['headers'][f'user_uuid:{user["uuid"]}'] is True
        assert event['headers']['tenant_uuid'] == user['tenant_uuid']
        assert 'user_uuid:*' not in event['headers']
