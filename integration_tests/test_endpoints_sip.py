"""/endpoints/sip and /endpoints/sip/templates over HTTP against the real daemon."""

from __future__ import annotations

import uuid

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, created, sip, unique

DEFAULT_LABELS = {'global', 'webrtc', 'meeting_guest', 'registration_trunk', 'twilio_trunk'}


def template(client: Client, **fields: object) -> dict:
    return created(client.post('/endpoints/sip/templates', json={'label': unique('tpl'), **fields}))


def defaults(client: Client) -> dict:
    items = client.get('/endpoints/sip/templates', params={'limit': 100}).json()['items']
    return {t['label']: t for t in items if t['label'] in DEFAULT_LABELS}


def test_create_answers_the_endpoint_with_defaults_and_location(client: Client, daemon: Daemon) -> None:
    response = client.post('/endpoints/sip', json={'label': 'Alice', 'auth_section_options': [['username', 'alice']]})

    endpoint = created(response)
    assert response.headers['Location'] == f'{daemon.base_url}/endpoints/sip/{endpoint["uuid"]}'
    assert endpoint['label'] == 'Alice'
    assert len(endpoint['name']) == 8
    assert endpoint['auth_section_options'] == [['username', 'alice']]
    assert endpoint['aor_section_options'] == [] and endpoint['templates'] == []
    assert endpoint['transport'] is None and endpoint['asterisk_id'] is None
    assert endpoint['line'] is None and endpoint['trunk'] is None
    assert endpoint['links'] == [{'rel': 'endpoint_sip', 'href': f'{daemon.base_url}/endpoints/sip/{endpoint["uuid"]}'}]


def test_every_tenant_has_the_upstream_default_templates(client: Client) -> None:
    found = defaults(client)

    assert set(found) == DEFAULT_LABELS
    assert [t['label'] for t in found['webrtc']['templates']] == ['global']
    assert [t['label'] for t in found['twilio_trunk']['templates']] == ['registration_trunk']
    assert ['webrtc', 'yes'] in found['webrtc']['endpoint_section_options']
    assert ['max_contacts', '1'] in found['global']['aor_section_options']


def test_merged_view_applies_templates_with_own_options_last(client: Client) -> None:
    webrtc = defaults(client)['webrtc']
    endpoint = sip(client, templates=[{'uuid': webrtc['uuid']}], aor_section_options=[['max_contacts', '3']])

    merged = client.get(f'/endpoints/sip/{endpoint["uuid"]}', params={'view': 'merged'}).json()
    plain = client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()

    aor = dict(merged['aor_section_options'])
    assert aor['max_contacts'] == '3'
    assert aor['remove_existing'] == 'false'
    assert aor['maximum_expiration'] == '3600'
    assert plain['aor_section_options'] == [['max_contacts', '3']]
    assert plain['templates'] == [{'uuid': webrtc['uuid'], 'label': 'webrtc'}]


def test_options_keep_repeated_keys_in_order(client: Client) -> None:
    options = [['set_var', 'A=1'], ['allow', 'ulaw'], ['set_var', 'B=2']]

    endpoint = sip(client, endpoint_section_options=options)

    assert client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['endpoint_section_options'] == options


@pytest.mark.parametrize(
    'body, field',
    [
        ({'name': 'global'}, 'name'),
        ({'name': 'has space'}, 'name'),
        ({'name': 'x' * 80}, 'name'),
        ({'label': 'x' * 129}, 'label'),
        ({'aor_section_options': [['only-key']]}, 'aor_section_options'),
        ({'auth_section_options': [['username', 42]]}, 'auth_section_options'),
        ({'endpoint_section_options': 'allow=ulaw'}, 'endpoint_section_options'),
        ({'templates': [{'uuid': 'not-a-uuid'}]}, 'templates'),
        ({'transport': {}}, 'transport'),
    ],
)
def test_invalid_bodies_are_400(client: Client, body: dict, field: str) -> None:
    response = client.post('/endpoints/sip', json=body)

    assert response.status_code == 400
    assert any(e.startswith(f'Input Error - {field}: ') for e in response.json()), response.json()


def test_name_is_unique_across_endpoints_and_templates(client: Client) -> None:
    name = unique('name')
    template(client, name=name)

    response = client.post('/endpoints/sip', json={'name': name})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - SIPEndpointTemplate already exists ('name': '{name}')"]


def test_unknown_template_is_400(client: Client) -> None:
    missing = str(uuid.uuid4())

    response = client.post('/endpoints/sip', json={'templates': [{'uuid': missing}]})

    assert response.status_code == 400
    # As upstream: the resource named `endpoint_sip`, the loaded reference (a UUID) as metadata.
    assert response.json() == [
        f"Input Error - field 'templates': endpoint_sip was not found ('templates': {{'uuid': UUID('{missing}')}})"
    ]


def transport(client: Client) -> dict:
    return created(client.post('/sip/transports', json={'name': unique('transport')}))


def test_transport_must_exist(client: Client) -> None:
    missing = str(uuid.uuid4())

    response = client.post('/endpoints/sip', json={'transport': {'uuid': missing}})

    assert response.status_code == 400
    assert response.json() == [
        f"Input Error - field 'transport': SIPTransport was not found ('uuid': UUID('{missing}'))"
    ]


def test_transport_is_set_changed_and_cleared(client: Client) -> None:
    first, second = transport(client), transport(client)
    endpoint = sip(client, transport={'uuid': first['uuid']})
    url = f'/endpoints/sip/{endpoint["uuid"]}'
    assert endpoint['transport'] == {'uuid': first['uuid']}

    assert client.put(url, json={'transport': {'uuid': second['uuid']}}).status_code == 204
    assert client.get(url).json()['transport'] == {'uuid': second['uuid']}
    assert client.put(url, json={'transport': {'uuid': str(uuid.uuid4())}}).status_code == 400
    assert client.put(url, json={'transport': None}).status_code == 204
    assert client.get(url).json()['transport'] is None


@pytest.mark.parametrize(
    'body, message',
    [
        ({'transport': {}}, "Input Error - transport: {'uuid': ['Missing data for required field.']}"),
        ({'templates': [{}]}, "Input Error - templates: {0: {'uuid': ['Missing data for required field.']}}"),
    ],
)
@pytest.mark.parametrize('path', ['/endpoints/sip/{uuid}', '/endpoints/sip/templates/{uuid}'])
def test_put_of_a_relation_without_its_uuid_is_400(client: Client, path: str, body: dict, message: str) -> None:
    target = sip(client) if 'templates' not in path else template(client)
    url = path.format(uuid=target['uuid'])

    response = client.put(url, json=body)

    assert (response.status_code, response.json()) == (400, [message])
    assert client.get(url).json() == target


def test_default_global_and_webrtc_templates_use_the_default_transports(client: Client) -> None:
    names = {t['uuid']: t['name'] for t in client.get('/sip/transports').json()['items']}
    found = defaults(client)

    assert names[found['global']['transport']['uuid']] == 'transport-udp'
    assert names[found['webrtc']['transport']['uuid']] == 'transport-wss'
    assert found['registration_trunk']['transport'] is None


def test_name_of_a_transport_is_taken(client: Client) -> None:
    name = transport(client)['name']

    for collection in ('/endpoints/sip', '/endpoints/sip/templates'):
        response = client.post(collection, json={'name': name})
        assert response.status_code == 400
        assert response.json() == [f"Resource Error - Transport already exists ('name': '{name}')"]


@pytest.mark.parametrize(
    'field, name',
    [
        ('aor_section_options', 'not_an_aor_option'),
        ('auth_section_options', 'max_contacts'),
        ('auth_section_options', '@custom'),
        ('endpoint_section_options', 'type'),
        ('identify_section_options', 'username'),
        ('registration_section_options', 'webrtc'),
        ('registration_outbound_auth_section_options', 'client_uri'),
        ('outbound_auth_section_options', 'context'),
    ],
)
def test_unknown_option_name_is_400(client: Client, field: str, name: str) -> None:
    for collection in ('/endpoints/sip', '/endpoints/sip/templates'):
        response = client.post(collection, json={field: [[name, 'x']]})

        assert response.status_code == 400
        assert response.json()[0].startswith(f"Input Error - '{field}: invalid variable ({name})' must be one of (")


def test_known_and_user_variable_option_names_are_accepted(client: Client) -> None:
    endpoint = sip(
        client,
        aor_section_options=[['max_contacts', '2'], ['@region', 'eu']],
        auth_section_options=[['username', 'u'], ['password', 'p']],
        endpoint_section_options=[['@tag', 'x'], ['direct_media', 'no']],
        identify_section_options=[['match', '10.0.0.1']],
        registration_section_options=[['client_uri', 'sip:u@x'], ['expiration', '60']],
        registration_outbound_auth_section_options=[['username', 'u']],
        outbound_auth_section_options=[['username', 'u']],
    )

    assert endpoint['endpoint_section_options'] == [['@tag', 'x'], ['direct_media', 'no']]


def test_put_with_an_unknown_option_name_is_400(client: Client) -> None:
    endpoint = sip(client)

    response = client.put(f'/endpoints/sip/{endpoint["uuid"]}', json={'endpoint_section_options': [['nope', 'x']]})

    assert response.status_code == 400
    assert client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['endpoint_section_options'] == []


def test_put_changes_only_the_given_fields(client: Client) -> None:
    endpoint = sip(client, auth_section_options=[['username', 'u']], asterisk_id='ast1')

    response = client.put(f'/endpoints/sip/{endpoint["uuid"]}', json={'label': 'renamed'})

    assert response.status_code == 204
    after = client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()
    assert after['label'] == 'renamed'
    assert after['auth_section_options'] == [['username', 'u']]
    assert after['asterisk_id'] == 'ast1'


def test_unknown_endpoint_is_404(client: Client) -> None:
    missing = str(uuid.uuid4())

    for method in ('get', 'put', 'delete'):
        response = getattr(client, method)(f'/endpoints/sip/{missing}')
        assert response.status_code == 404
        assert response.json() == [f"Resource Not Found - SIPEndpoint was not found ('uuid': '{missing}')"]


def test_a_template_is_not_found_as_an_endpoint(client: Client) -> None:
    tpl = template(client)

    assert client.get(f'/endpoints/sip/{tpl["uuid"]}').status_code == 404
    assert client.get(f'/endpoints/sip/templates/{tpl["uuid"]}').status_code == 200


def test_list_searches_and_filters_by_uuid(client: Client) -> None:
    tag = unique('lbl')
    first, second = sip(client, label=f'{tag} b'), sip(client, label=f'{tag} a')

    body = client.get('/endpoints/sip', params={'search': tag}).json()
    by_uuid = client.get('/endpoints/sip', params={'uuid': first['uuid']}).json()

    assert body['total'] == 2
    assert [e['uuid'] for e in body['items']] == [second['uuid'], first['uuid']]
    assert [e['uuid'] for e in by_uuid['items']] == [first['uuid']]


def test_delete_removes_the_endpoint(client: Client, rows: Rows) -> None:
    endpoint = sip(client)

    assert client.delete(f'/endpoints/sip/{endpoint["uuid"]}').status_code == 204
    assert rows.count('endpoint_sip', 'uuid = :u', u=endpoint['uuid']) == 0


def test_deleting_a_template_unlinks_it_from_endpoints(client: Client) -> None:
    tpl = template(client)
    endpoint = sip(client, templates=[{'uuid': tpl['uuid']}])

    assert client.delete(f'/endpoints/sip/templates/{tpl["uuid"]}').status_code == 204
    assert client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['templates'] == []


class TestEvents:
    def test_created_event_carries_the_contract_payload(self, client: Client, rows: Rows) -> None:
        events = Events(client)

        endpoint = sip(
            client,
            auth_section_options=[['username', 'bob'], ['password', 'secret']],
            registration_section_options=[['client_uri', 'sip:bob@x'], ['expiration', '60']],
        )

        event = events.one('sip_endpoint_created')
        assert event['routing_key'] == 'config.sip_endpoint.created'
        assert event['headers']['tenant_uuid'] == endpoint['tenant_uuid']
        assert event['headers']['user_uuid:*'] is True
        assert event['data'] == {
            'uuid': endpoint['uuid'],
            'tenant_uuid': endpoint['tenant_uuid'],
            'name': endpoint['name'],
            'label': endpoint['label'],
            'auth_section_options': [['username', 'bob']],
            'registration_section_options': [['client_uri', 'sip:bob@x']],
            'trunk': None,
            'line': None,
        }

    def test_edit_and_delete_events(self, client: Client, rows: Rows) -> None:
        endpoint = sip(client)
        events = Events(client)

        client.put(f'/endpoints/sip/{endpoint["uuid"]}', json={'label': 'x'})
        client.delete(f'/endpoints/sip/{endpoint["uuid"]}')

        assert [(e['name'], e['routing_key']) for e in events.all('sip_endpoint')] == [
            ('sip_endpoint_edited', 'config.sip_endpoint.edited'),
            ('sip_endpoint_deleted', 'config.sip_endpoint.deleted'),
        ]

    def test_template_events(self, client: Client, rows: Rows, daemon: Daemon) -> None:
        events = Events(client)

        response = client.post('/endpoints/sip/templates', json={'label': 'tpl'})
        tpl = created(response)
        client.put(f'/endpoints/sip/templates/{tpl["uuid"]}', json={'label': 'tpl2'})
        client.delete(f'/endpoints/sip/templates/{tpl["uuid"]}')

        assert response.headers['Location'] == f'{daemon.base_url}/endpoints/sip/templates/{tpl["uuid"]}'
        assert tpl['links'][0]['rel'] == 'endpoint_sip_templates'
        assert [(e['name'], e['routing_key']) for e in events.all('sip_endpoint_template')] == [
            ('sip_endpoint_template_created', 'config.sip_endpoint_template.created'),
            ('sip_endpoint_template_edited', 'config.sip_endpoint_template.edited'),
            ('sip_endpoint_template_deleted', 'config.sip_endpoint_template.deleted'),
        ]


def test_tenants_made_outside_the_daemon_get_templates_at_next_start(workdir: str) -> None:
    daemon = Daemon(workdir, f'sqlite:///{workdir}/confd.sqlite').start()
    try:
        tenant = str(uuid.uuid4())
        secret = daemon.admin('keys', 'create', 'other', '--acl', 'confd.#', '--tenant', tenant).stdout.strip()
        daemon.restart()

        items = daemon.client(token=secret).get('/endpoints/sip/templates').json()['items']
    finally:
        daemon.stop()

    assert {t['label'] for t in items} == DEFAULT_LABELS
    assert {t['tenant_uuid'] for t in items} == {tenant}


def test_a_tenant_made_through_the_api_gets_the_default_templates(client: Client, daemon: Daemon) -> None:
    response = client.post('/tenants', json={'name': unique('t')[:20]})
    assert response.status_code == 201, response.text
    tenant = response.json()['uuid']

    items = daemon.client(tenant=tenant).get('/endpoints/sip/templates').json()['items']

    assert {t['label'] for t in items} == DEFAULT_LABELS
    assert {t['tenant_uuid'] for t in items} == {tenant}


def test_a_template_cannot_use_itself(client: Client, rows: Rows) -> None:
    tpl = template(client)
    published = Events(client)

    response = client.put(f'/endpoints/sip/templates/{tpl["uuid"]}', json={'templates': [{'uuid': tpl['uuid']}]})

    assert (response.status_code, response.json()) == (
        400,
        ['Resource Error - Operation not permitted. Cannot use itself as template'],
    )
    assert client.get(f'/endpoints/sip/templates/{tpl["uuid"]}').json()['templates'] == []
    assert published.all() == []


def test_a_template_cannot_use_one_that_uses_it_however_deep(client: Client) -> None:
    bottom = template(client)
    middle = template(client, templates=[{'uuid': bottom['uuid']}])
    top = template(client, templates=[{'uuid': middle['uuid']}])

    direct = client.put(f'/endpoints/sip/templates/{middle["uuid"]}', json={'templates': [{'uuid': top['uuid']}]})
    deep = client.put(f'/endpoints/sip/templates/{bottom["uuid"]}', json={'templates': [{'uuid': top['uuid']}]})

    assert (direct.status_code, direct.json()) == (
        400,
        [f'Resource Error - Operation not permitted. SIPEndpointTemplate({top["uuid"]}) already include this template'],
    )
    assert (deep.status_code, deep.json()) == (
        400,
        [
            'Resource Error - Operation not permitted. '
            f'SIPEndpointTemplate({middle["uuid"]}) already include this template'
        ],
    )
    assert client.get(f'/endpoints/sip/templates/{bottom["uuid"]}').json()['templates'] == []
    # Sharing a template is no cycle.
    shared = client.put(f'/endpoints/sip/templates/{top["uuid"]}', json={'templates': [{'uuid': bottom['uuid']}]})
    assert shared.status_code == 204, shared.text


@pytest.mark.parametrize('view', ['nope', '', 'MERGED'])
def test_an_unknown_view_is_400(client: Client, view: str) -> None:
    endpoint = sip(client)

    response = client.get(f'/endpoints/sip/{endpoint["uuid"]}', params={'view': view})

    assert (response.status_code, response.json()) == (400, ["Input Error - view: ['Must be one of: merged.']"])
