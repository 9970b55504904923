"""/lines over HTTP against the real daemon."""

from __future__ import annotations

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, context, line, unique
from .helpers.telephony import create, create_context


def test_create_answers_the_line_with_defaults(client: Client, daemon: Daemon) -> None:
    name = context(client)

    response = client.post('/lines', json={'context': name})

    assert response.status_code == 201
    created = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/lines/{created["id"]}'
    assert created['context'] == name
    assert len(created['provisioning_code']) == 6 and created['provisioning_code'].isdigit()
    assert created['provisioning_extension'] == created['provisioning_code']
    assert created['position'] == 1 and created['device_slot'] == 1
    assert created['registrar'] == 'default'
    assert created['name'] is None and created['protocol'] is None
    assert created['endpoint_sip'] is None and created['endpoint_sccp'] is None and created['endpoint_custom'] is None
    assert created['users'] == [] and created['extensions'] == []
    assert created['is_webrtc'] is False and created['application'] is None
    assert created['links'] == [{'rel': 'lines', 'href': f'{daemon.base_url}/lines/{created["id"]}'}]


@pytest.mark.parametrize(
    'body, field',
    [
        ({}, 'context'),
        ({'context': 'default', 'provisioning_code': '12345'}, 'provisioning_code'),
        ({'context': 'default', 'provisioning_code': 'abcdef'}, 'provisioning_code'),
        ({'context': 'default', 'position': 0}, 'position'),
        ({'context': 'default', 'caller_id_num': '12a'}, 'caller_id_num'),
        ({'context': 'default', 'registrar': 'x' * 129}, 'registrar'),
    ],
)
def test_invalid_bodies_are_400_and_write_nothing(client: Client, rows: Rows, body: dict, field: str) -> None:
    before = rows.count('line')

    response = client.post('/lines', json=body)

    assert response.status_code == 400
    assert any(e.startswith(f'Input Error - {field}: ') for e in response.json()), response.json()
    assert rows.count('line') == before


def test_provisioning_code_is_unique(client: Client) -> None:
    code = line(client)['provisioning_code']

    response = client.post('/lines', json={'context': context(client), 'provisioning_code': code})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Line already exists ('provisioning_code': '{code}')"]


def test_put_is_a_partial_update(client: Client) -> None:
    created = line(client, provisioning_code='481516')

    response = client.put(f'/lines/{created["id"]}', json={'position': 2, 'name': 'ignored'})

    assert response.status_code == 204
    after = client.get(f'/lines/{created["id"]}').json()
    assert after['position'] == 2 and after['device_slot'] == 2
    assert after['provisioning_code'] == '481516'
    assert after['name'] is None


def test_put_ignores_nested_endpoints_and_extensions(client: Client, rows: Rows) -> None:
    created = client.post(
        '/lines', json={'context': context(client), 'endpoint_sccp': {'options': [['allow', 'ulaw']]}}
    ).json()
    body = {'position': 3, 'endpoint_sccp': {'options': []}, 'endpoint_sip': {}, 'extensions': [{'exten': '1000'}]}

    response = client.put(f'/lines/{created["id"]}', json=body)

    assert response.status_code == 204
    after = client.get(f'/lines/{created["id"]}').json()
    assert after['position'] == 3 and after['protocol'] == 'sccp' and after['extensions'] == []
    assert client.get(f'/endpoints/sccp/{created["endpoint_sccp"]["id"]}').json()['options'] == [['allow', 'ulaw']]


def test_unknown_line_is_404(client: Client) -> None:
    for method in ('get', 'put', 'delete'):
        response = getattr(client, method)('/lines/999999')
        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Line was not found ('id': 999999)"]
    assert client.get('/lines/99999999999999').status_code == 404


def test_list_filters_on_search_columns(client: Client) -> None:
    name = context(client)
    mine = [line(client, context=name), line(client, context=name)]

    body = client.get('/lines', params={'context': name}).json()
    searched = client.get('/lines', params={'search': name, 'order': 'position', 'direction': 'desc'}).json()

    assert body['total'] == 2
    assert sorted(item['id'] for item in body['items']) == sorted(item['id'] for item in mine)
    assert searched['total'] == 2


def test_search_looks_into_the_position_too(client: Client) -> None:
    name = context(client)
    slotted, other = line(client, context=name, position=48213), line(client, context=name)

    body = client.get('/lines', params={'search': '48213', 'context': name}).json()

    assert [item['id'] for item in body['items']] == [slotted['id']]
    assert other['id'] != slotted['id']


def test_unknown_context_is_400(client: Client) -> None:
    response = client.post('/lines', json={'context': 'no-such-context'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'context': Context was not found ('context': 'no-such-context')"]


def test_list_refuses_unknown_order(client: Client) -> None:
    response = client.get('/lines', params={'order': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - order: column 'nope' was not found"]


def test_events(client: Client, rows: Rows) -> None:
    events = Events(client)

    created = line(client)
    client.put(f'/lines/{created["id"]}', json={'position': 3})
    client.delete(f'/lines/{created["id"]}')

    found = events.all('line_')
    assert [(e['name'], e['routing_key']) for e in found] == [
        ('line_created', 'config.line.created'),
        ('line_edited', 'config.line.edited'),
        ('line_deleted', 'config.line.deleted'),
    ]
    assert found[0]['data'] == {
        'id': created['id'],
        'protocol': None,
        'name': None,
        'tenant_uuid': created['tenant_uuid'],
    }
    assert found[0]['headers']['user_uuid:*'] is True


class TestNestedEndpoint:
    def test_post_creates_and_associates_a_sip_endpoint(self, client: Client, rows: Rows) -> None:
        name = context(client)
        events = Events(client)

        response = client.post(
            '/lines',
            json={
                'context': name,
                'endpoint_sip': {'label': 'nested', 'auth_section_options': [['username', 'n1'], ['password', 'p']]},
            },
        )

        assert response.status_code == 201
        created = response.json()
        assert created['protocol'] == 'sip'
        assert created['endpoint_sip']['label'] == 'nested'
        assert created['endpoint_sip']['auth_section_options'] == [['username', 'n1'], ['password', 'p']]
        assert created['endpoint_sip']['line']['id'] == created['id']
        assert created['endpoint_sip']['templates'] == []
        assert created['name'] == created['endpoint_sip']['name']
        assert [e['name'] for e in events.all()] == [
            'line_created',
            'sip_endpoint_created',
            'line_endpoint_sip_associated',
        ]

    @pytest.mark.parametrize('kind', ['sccp', 'custom'])
    def test_post_creates_sccp_and_custom_endpoints(self, client: Client, kind: str) -> None:
        body: dict = {'interface': unique('nested/custom')} if kind == 'custom' else {'options': []}

        created = client.post('/lines', json={'context': context(client), f'endpoint_{kind}': body}).json()

        assert created['protocol'] == kind
        assert created[f'endpoint_{kind}']['id'] > 0

    def test_the_protocol_is_searched_and_sorted_in_sql(self, client: Client) -> None:
        name = context(client)
        sccp = client.post('/lines', json={'context': name, 'endpoint_sccp': {'options': []}}).json()
        bare = client.post('/lines', json={'context': name}).json()

        found = client.get('/lines', params={'search': 'sccp', 'context': name}).json()
        ordered = client.get('/lines', params={'order': 'protocol', 'direction': 'desc', 'context': name}).json()

        assert [line['id'] for line in found['items']] == [sccp['id']]
        assert {line['id']: line['protocol'] for line in ordered['items']} == {sccp['id']: 'sccp', bare['id']: None}

    def test_two_endpoints_are_refused(self, client: Client, rows: Rows) -> None:
        before = rows.count('line')
        sccp = {'options': [['allow', 'ulaw']]}

        response = client.post('/lines', json={'context': 'default', 'endpoint_sip': {}, 'endpoint_sccp': sccp})

        assert response.status_code == 400
        assert response.json() == ["Input Error - _schema: ['Only one endpoint should be configured on a line']"]
        assert rows.count('line') == before

    def test_invalid_nested_endpoint_creates_nothing(self, client: Client, rows: Rows) -> None:
        before = rows.count('line')

        response = client.post(
            '/lines', json={'context': context(client), 'endpoint_custom': {'interface': 'bad interface'}}
        )

        assert response.status_code == 400
        assert response.json()[0].startswith("Input Error - endpoint_custom: {'interface': ")
        assert rows.count('line') == before

    def test_null_and_empty_endpoints_are_left_out(self, client: Client) -> None:
        body: dict = {'context': context(client), 'endpoint_sip': None, 'endpoint_sccp': {}}

        created = client.post('/lines', json=body).json()

        assert created['protocol'] is None and created['endpoint_sccp'] is None

    def test_a_nested_sip_endpoint_gets_the_line_context(self, client: Client) -> None:
        name = context(client)
        mine = {'endpoint_section_options': [['context', 'kept']]}

        plain = client.post('/lines', json={'context': name, 'endpoint_sip': {'label': 'plain'}}).json()
        given = client.post('/lines', json={'context': name, 'endpoint_sip': mine}).json()
        # As upstream, an empty body is left as it is.
        empty = client.post('/lines', json={'context': name, 'endpoint_sip': {}}).json()

        assert plain['endpoint_sip']['endpoint_section_options'] == [['context', name]]
        assert empty['endpoint_sip']['endpoint_section_options'] == []
        assert given['endpoint_sip']['endpoint_section_options'] == [['context', 'kept']]


class TestCallerId:
    """The caller ID of a line is its endpoint's (upstream's LineFeatures)."""

    def test_post_writes_it_to_the_sip_endpoint_in_an_edit(self, client: Client, rows: Rows) -> None:
        name = context(client)
        events = Events(client)
        body = {'context': name, 'caller_id_name': 'Alice', 'caller_id_num': '1234', 'endpoint_sip': {'label': 'a'}}

        created = client.post('/lines', json=body).json()

        assert (created['caller_id_name'], created['caller_id_num']) == ('Alice', '1234')
        options = client.get(f'/endpoints/sip/{created["endpoint_sip"]["uuid"]}').json()['endpoint_section_options']
        assert options == [['context', name], ['callerid', '"Alice" <1234>']]
        assert [e['name'] for e in events.all()] == [
            'line_created',
            'sip_endpoint_created',
            'line_endpoint_sip_associated',
            'line_edited',
        ]
        assert client.get('/lines', params={'caller_id_name': 'Alice', 'context': name}).json()['total'] == 1

    def test_sccp_takes_the_name_only(self, client: Client) -> None:
        sccp = {'options': [['allow', 'ulaw']]}
        body = {'context': context(client), 'caller_id_name': 'Bob', 'caller_id_num': '55', 'endpoint_sccp': sccp}

        created = client.post('/lines', json=body).json()

        assert (created['caller_id_name'], created['caller_id_num']) == ('Bob', None)
        options = client.get(f'/endpoints/sccp/{created["endpoint_sccp"]["id"]}').json()['options']
        assert options == [['allow', 'ulaw'], ['cid_name', 'Bob']]

    @pytest.mark.parametrize(
        'extra, message',
        [
            ({}, 'Cannot set caller id if no endpoint associated'),
            ({'endpoint_custom': {'interface': 'dahdi/i1'}}, "Cannot set caller id on endpoint of type 'custom'"),
        ],
    )
    def test_without_a_caller_id_endpoint_it_is_refused(
        self, client: Client, rows: Rows, extra: dict, message: str
    ) -> None:
        name = context(client)
        before = (rows.count('line'), rows.count('endpoint_custom'))
        published = Events(client)

        response = client.post('/lines', json={'context': name, 'caller_id_name': 'Carol', **extra})

        assert response.status_code == 400
        assert response.json() == [message]
        assert (rows.count('line'), rows.count('endpoint_custom')) == before
        assert published.all() == []

    def test_a_caller_id_in_the_endpoint_too_is_ambiguous(self, client: Client) -> None:
        sip = {'endpoint_section_options': [['callerid', '"X" <1>']]}

        response = client.post('/lines', json={'context': context(client), 'caller_id_name': 'Y', 'endpoint_sip': sip})

        assert response.status_code == 400
        assert response.json() == [
            "Input Error - _schema: ['Ambiguous caller ID: line.caller_id_name = Y "
            'endpoint_sip.endpoint_section_options["callerid"] = "X" <1>\']'
        ]

    def test_it_follows_the_endpoint(self, client: Client) -> None:
        name = context(client)
        sip = {'endpoint_section_options': [['callerid', '"Dave" <200>']]}
        created = client.post('/lines', json={'context': name, 'endpoint_sip': sip}).json()
        uuid = created['endpoint_sip']['uuid']

        edited = client.put(f'/endpoints/sip/{uuid}', json={'endpoint_section_options': [['callerid', '"Erin" <300>']]})

        assert (created['caller_id_name'], created['caller_id_num']) == ('Dave', '200')
        assert edited.status_code == 204
        after = client.get(f'/lines/{created["id"]}').json()
        assert (after['caller_id_name'], after['caller_id_num']) == ('Erin', '300')
        assert client.get('/lines', params={'search': 'erin', 'context': name}).json()['total'] == 1
        assert client.get('/lines', params={'search': 'dave', 'context': name}).json()['total'] == 0

    def test_put_writes_the_endpoint(self, client: Client, rows: Rows) -> None:
        created = client.post('/lines', json={'context': context(client), 'endpoint_sip': {}}).json()
        events = Events(client)

        response = client.put(f'/lines/{created["id"]}', json={'caller_id_name': 'Fay', 'caller_id_num': '400'})

        assert response.status_code == 204
        options = client.get(f'/endpoints/sip/{created["endpoint_sip"]["uuid"]}').json()['endpoint_section_options']
        assert ['callerid', '"Fay" <400>'] in options
        assert [e['name'] for e in events.all()] == ['line_edited']

    @pytest.mark.parametrize(
        'endpoint, body, message',
        [
            ('endpoint_sip', {'caller_id_name': None}, 'Cannot set caller id to None'),
            ('endpoint_sip', {'caller_id_num': None}, 'Cannot set caller id num to None'),
            ('endpoint_sccp', {'caller_id_num': '1'}, "Cannot set caller id num on endpoint of type 'sccp'"),
        ],
    )
    def test_put_refusals(self, client: Client, rows: Rows, endpoint: str, body: dict, message: str) -> None:
        nested = {'options': [['allow', 'ulaw']]} if endpoint == 'endpoint_sccp' else {}
        created = client.post('/lines', json={'context': context(client), endpoint: nested}).json()
        published = Events(client)

        response = client.put(f'/lines/{created["id"]}', json=body)

        assert response.status_code == 400
        assert response.json() == [message]
        assert published.all() == []


class TestNestedExtensions:
    def test_post_creates_each_extension_and_links_it(self, client: Client, rows: Rows) -> None:
        ctx = create_context(client)
        events = Events(client)

        created = client.post(
            '/lines', json={'context': ctx['name'], 'endpoint_sip': {}, 'extensions': [{'exten': '1400'}]}
        ).json()

        assert [(e['exten'], e['context']) for e in created['extensions']] == [('1400', ctx['name'])]
        assert [line['id'] for line in created['extensions'][0]['lines']] == [created['id']]
        assert [e['name'] for e in events.all()] == [
            'line_created',
            'sip_endpoint_created',
            'line_endpoint_sip_associated',
            'extension_created',
            'line_extension_associated',
        ]

    def test_post_links_an_existing_extension(self, client: Client, rows: Rows) -> None:
        ctx = create_context(client)
        taken = create(client, '/extensions', {'exten': '1401', 'context': ctx['name']})
        body = {
            'context': ctx['name'],
            'endpoint_sccp': {'options': [['allow', 'ulaw']]},
            'extensions': [{'exten': '1401'}],
        }

        linked = client.post('/lines', json=body).json()

        assert [e['id'] for e in linked['extensions']] == [taken['id']]
        assert rows.count('extension', 'context = :c', c=ctx['name']) == 1
        assert [e['id'] for e in client.get(f'/lines/{linked["id"]}').json()['extensions']] == [taken['id']]

    def test_lines_are_found_and_sorted_by_their_extension(self, client: Client) -> None:
        ctx = create_context(client)
        endpoint = {'endpoint_sccp': {'options': [['allow', 'ulaw']]}}
        high = client.post('/lines', json={'context': ctx['name'], **endpoint, 'extensions': [{'exten': '1862'}]})
        low = client.post('/lines', json={'context': ctx['name'], **endpoint, 'extensions': [{'exten': '1861'}]})
        mine = {'context': ctx['name']}

        filtered = client.get('/lines', params={'exten': '1862', **mine}).json()
        searched = client.get('/lines', params={'search': '186', **mine}).json()
        ordered = client.get('/lines', params={'order': 'exten', 'direction': 'desc', **mine}).json()

        assert [item['id'] for item in filtered['items']] == [high.json()['id']]
        assert searched['total'] == 2
        assert [item['id'] for item in ordered['items']] == [high.json()['id'], low.json()['id']]

    def test_an_extension_needs_an_endpoint_and_nothing_is_written(self, client: Client, rows: Rows) -> None:
        ctx = create_context(client)
        before = (rows.count('line'), rows.count('extension'))
        published = Events(client)

        response = client.post('/lines', json={'context': ctx['name'], 'extensions': [{'exten': '1402'}]})

        assert response.status_code == 400
        assert response.json()[0].startswith('Resource Error - Line must be associated with a Endpoint')
        assert (rows.count('line'), rows.count('extension')) == before
        assert published.all() == []


class TestRecursiveDelete:
    """DELETE /lines/{id}?recursive=true: the line's users let go, its extensions deleted
    unless another line rings them, its SIP endpoint deleted."""

    def _line(self, client: Client) -> tuple[dict, dict, dict, dict]:
        ctx = create_context(client)
        made = create(client, '/lines', {'context': ctx['name'], 'endpoint_sip': {}})
        extension = create(client, '/extensions', {'exten': '1234', 'context': ctx['name']})
        assert client.put(f'/lines/{made["id"]}/extensions/{extension["id"]}').status_code == 204
        owner = create(client, '/users', {'firstname': unique('u')})
        assert client.put(f'/users/{owner["uuid"]}/lines/{made["id"]}').status_code == 204
        return ctx, made, extension, owner

    def test_it_deletes_the_extension_and_the_sip_endpoint(self, client: Client) -> None:
        _, made, extension, owner = self._line(client)
        endpoint = made['endpoint_sip']['uuid']
        events = Events(client)

        response = client.delete(f'/lines/{made["id"]}', params={'recursive': 'true'})

        assert response.status_code == 204
        assert client.get(f'/lines/{made["id"]}').status_code == 404
        assert client.get(f'/extensions/{extension["id"]}').status_code == 404
        assert client.get(f'/endpoints/sip/{endpoint}').status_code == 404
        assert client.get(f'/users/{owner["uuid"]}').json()['lines'] == []
        found = events.all()
        assert [e['name'] for e in found] == [
            'user_line_dissociated',
            'line_extension_dissociated',
            'extension_deleted',
            'line_deleted',
            'sip_endpoint_deleted',
        ]
        assert found[3]['data'] == {
            'id': made['id'],
            'protocol': 'sip',
            'name': made['name'],
            'tenant_uuid': made['tenant_uuid'],
        }
        assert found[4]['data']['uuid'] == endpoint and found[4]['data']['line'] is None

    def test_an_extension_another_line_rings_is_kept(self, client: Client) -> None:
        ctx, made, extension, _ = self._line(client)
        other = create(client, '/lines', {'context': ctx['name'], 'endpoint_sip': {}})
        assert client.put(f'/lines/{other["id"]}/extensions/{extension["id"]}').status_code == 204

        response = client.delete(f'/lines/{made["id"]}', params={'recursive': 'true'})

        assert response.status_code == 204
        kept = client.get(f'/extensions/{extension["id"]}').json()
        assert [line['id'] for line in kept['lines']] == [other['id']]

    @pytest.mark.parametrize('params', [{}, {'recursive': 'false'}])
    def test_without_it_the_extension_and_the_endpoint_stay(self, client: Client, params: dict) -> None:
        _, made, extension, _ = self._line(client)

        response = client.delete(f'/lines/{made["id"]}', params=params)

        assert response.status_code == 204
        assert client.get(f'/extensions/{extension["id"]}').json()['lines'] == []
        assert client.get(f'/endpoints/sip/{made["endpoint_sip"]["uuid"]}').json()['line'] is None

    def test_a_wrong_value_is_400_and_deletes_nothing(self, client: Client, rows: Rows) -> None:
        _, made, _, _ = self._line(client)
        events = Events(client)

        response = client.delete(f'/lines/{made["id"]}', params={'recursive': 'maybe'})

        assert (response.status_code, response.json()) == (400, ["Input Error - recursive: ['Not a valid boolean.']"])
        assert client.get(f'/lines/{made["id"]}').json()['users'] != []
        assert events.all() == []
