"""/lines over HTTP against the real daemon."""

from __future__ import annotations

import pytest

from .helpers.lines import Events, context, line, unique


def test_create_answers_the_line_with_defaults(client, daemon) -> None:  # type: ignore[no-untyped-def]
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
def test_invalid_bodies_are_400_and_write_nothing(client, rows, body, field) -> None:  # type: ignore[no-untyped-def]
    before = rows.count('line')

    response = client.post('/lines', json=body)

    assert response.status_code == 400
    assert any(e.startswith(f'Input Error - {field}: ') for e in response.json()), response.json()
    assert rows.count('line') == before


def test_provisioning_code_is_unique(client) -> None:  # type: ignore[no-untyped-def]
    code = line(client)['provisioning_code']

    response = client.post('/lines', json={'context': context(client), 'provisioning_code': code})

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Line already exists ('provisioning_code': '{code}')"]


def test_put_is_a_partial_update(client) -> None:  # type: ignore[no-untyped-def]
    created = line(client, caller_id_name='Before')

    response = client.put(f'/lines/{created["id"]}', json={'position': 2, 'name': 'ignored'})

    assert response.status_code == 204
    after = client.get(f'/lines/{created["id"]}').json()
    assert after['position'] == 2 and after['device_slot'] == 2
    assert after['caller_id_name'] == 'Before'
    assert after['name'] is None


def test_unknown_line_is_404(client) -> None:  # type: ignore[no-untyped-def]
    for method in ('get', 'put', 'delete'):
        response = getattr(client, method)('/lines/999999')
        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Line was not found ('id': 999999)"]
    assert client.get('/lines/99999999999999').status_code == 404


def test_list_filters_on_search_columns(client) -> None:  # type: ignore[no-untyped-def]
    name = context(client)
    mine = [line(client, context=name), line(client, context=name)]

    body = client.get('/lines', params={'context': name}).json()
    searched = client.get('/lines', params={'search': name, 'order': 'position', 'direction': 'desc'}).json()

    assert body['total'] == 2
    assert sorted(item['id'] for item in body['items']) == sorted(item['id'] for item in mine)
    assert searched['total'] == 2


def test_unknown_context_is_400(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post('/lines', json={'context': 'no-such-context'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'context': Context was not found ('context': 'no-such-context')"]


def test_list_refuses_unknown_order(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get('/lines', params={'order': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - order: column 'nope' was not found"]


def test_events(client, rows) -> None:  # type: ignore[no-untyped-def]
    events = Events(rows)

    created = line(client)
    client.put(f'/lines/{created["id"]}', json={'position': 3})
    client.delete(f'/lines/{created["id"]}')

    found = events.all('line_')
    assert [(e['name'], e['routing_key']) for e in found] == [
        ('line_created', 'config.line.created'),
        ('line_edited', 'config.line.edited'),
        ('line_deleted', 'config.line.deleted'),
    ]
    assert found[0]['data'] == {'id': created['id'], 'protocol': None, 'name': None, 'tenant_uuid': created['tenant_uuid']}
    assert found[0]['headers']['user_uuid:*'] is True


class TestNestedEndpoint:
    def test_post_creates_and_associates_a_sip_endpoint(self, client, rows) -> None:  # type: ignore[no-untyped-def]
        name = context(client)
        events = Events(rows)

        response = client.post(
            '/lines', json={'context': name, 'endpoint_sip': {'label': 'nested', 'auth_section_options': [['username', 'n1'], ['password', 'p']]}}
        )

        assert response.status_code == 201
        created = response.json()
        assert created['protocol'] == 'sip'
        assert created['endpoint_sip']['label'] == 'nested'
        assert created['endpoint_sip']['auth_section_options'] == [['username', 'n1'], ['password', 'p']]
        assert created['endpoint_sip']['line']['id'] == created['id']
        assert created['endpoint_sip']['templates'] == []
        assert created['name'] == created['endpoint_sip']['name']
        assert [e['name'] for e in events.all()] == ['line_created', 'sip_endpoint_created', 'line_endpoint_sip_associated']

    @pytest.mark.parametrize('kind', ['sccp', 'custom'])
    def test_post_creates_sccp_and_custom_endpoints(self, client, kind) -> None:  # type: ignore[no-untyped-def]
        body = {'interface': unique('nested/custom')} if kind == 'custom' else {}

        created = client.post('/lines', json={'context': context(client), f'endpoint_{kind}': body}).json()

        assert created['protocol'] == kind
        assert created[f'endpoint_{kind}']['id'] > 0

    def test_two_endpoints_are_refused(self, client, rows) -> None:  # type: ignore[no-untyped-def]
        before = rows.count('line')

        response = client.post('/lines', json={'context': 'default', 'endpoint_sip': {}, 'endpoint_sccp': {}})

        assert response.status_code == 400
        assert response.json() == ["Input Error - _schema: ['Only one endpoint should be configured on a line']"]
        assert rows.count('line') == before

    def test_invalid_nested_endpoint_creates_nothing(self, client, rows) -> None:  # type: ignore[no-untyped-def]
        before = rows.count('line')

        response = client.post('/lines', json={'context': context(client), 'endpoint_custom': {'interface': 'bad interface'}})

        assert response.status_code == 400
        assert response.json()[0].startswith('Input Error - interface: ')
        assert rows.count('line') == before
