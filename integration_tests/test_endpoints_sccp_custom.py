"""/endpoints/sccp and /endpoints/custom over HTTP against the real daemon."""

from __future__ import annotations

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, context, custom, sccp, unique


class TestSCCP:
    def test_create_get_and_location(self, client: Client, daemon: Daemon) -> None:
        response = client.post('/endpoints/sccp', json={'options': [['cid_name', 'Bob']]})

        assert response.status_code == 201
        endpoint = response.json()
        assert response.headers['Location'] == f'{daemon.base_url}/endpoints/sccp/{endpoint["id"]}'
        assert client.get(f'/endpoints/sccp/{endpoint["id"]}').json() == endpoint
        assert endpoint['options'] == [['cid_name', 'Bob']]
        assert endpoint['line'] is None

    def test_an_empty_object_creates_an_endpoint(self, client: Client) -> None:
        assert client.post('/endpoints/sccp', json={}).status_code == 201

    def test_no_body_is_a_bad_request(self, client: Client) -> None:
        response = client.post('/endpoints/sccp')

        assert response.status_code == 400
        assert response.json() == ['The browser (or proxy) sent a request that this server could not understand.']

    def test_bad_options_are_400(self, client: Client) -> None:
        response = client.post('/endpoints/sccp', json={'options': [['a', 'b', 'c']]})

        assert response.status_code == 400
        assert response.json()[0].startswith('Input Error - options: ')

    def test_put_replaces_the_options(self, client: Client) -> None:
        endpoint = sccp(client, options=[['allow', 'ulaw']])

        assert (
            client.put(f'/endpoints/sccp/{endpoint["id"]}', json={'options': [['disallow', 'all']]}).status_code == 204
        )
        assert client.get(f'/endpoints/sccp/{endpoint["id"]}').json()['options'] == [['disallow', 'all']]

    def test_options_other_than_caller_id_and_codecs_are_refused(self, client: Client, rows: Rows) -> None:
        endpoint = sccp(client)
        before = rows.count('endpoint_sccp')

        created = client.post('/endpoints/sccp', json={'options': [['cid_num', '1'], ['keepalive', '30']]})
        edited = client.put(f'/endpoints/sccp/{endpoint["id"]}', json={'options': [['nope', '1']]})

        assert (created.status_code, created.json()) == (400, ['Unknown SCCP options: keepalive'])
        assert (edited.status_code, edited.json()) == (400, ['Unknown SCCP options: nope'])
        assert rows.count('endpoint_sccp') == before

    def test_a_line_refuses_them_too(self, client: Client, rows: Rows) -> None:
        lines = rows.count('line')

        body = {'context': context(client), 'endpoint_sccp': {'options': [['keepalive', '30']]}}
        response = client.post('/lines', json=body)

        assert (response.status_code, response.json()) == (400, ['Unknown SCCP options: keepalive'])
        assert rows.count('line') == lines

    def test_search_looks_into_the_id(self, client: Client) -> None:
        endpoint = sccp(client)

        body = client.get('/endpoints/sccp', params={'search': str(endpoint['id'])}).json()

        assert endpoint['id'] in [item['id'] for item in body['items']]

    def test_unknown_is_404(self, client: Client) -> None:
        response = client.get('/endpoints/sccp/999999')

        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - SCCPEndpoint was not found ('id': 999999)"]

    def test_events(self, client: Client, rows: Rows) -> None:
        events = Events(client)

        endpoint = sccp(client)
        client.put(f'/endpoints/sccp/{endpoint["id"]}', json={'options': []})
        client.delete(f'/endpoints/sccp/{endpoint["id"]}')

        found = events.all('sccp_endpoint')
        assert [(e['name'], e['routing_key']) for e in found] == [
            ('sccp_endpoint_created', 'config.sccp_endpoint.created'),
            ('sccp_endpoint_edited', 'config.sccp_endpoint.edited'),
            ('sccp_endpoint_deleted', 'config.sccp_endpoint.deleted'),
        ]
        assert found[0]['data'] == {'id': endpoint['id'], 'tenant_uuid': endpoint['tenant_uuid'], 'line': None}


class TestCustom:
    def test_create_with_defaults(self, client: Client, daemon: Daemon) -> None:
        interface = unique('dahdi/i1')

        response = client.post('/endpoints/custom', json={'interface': interface})

        assert response.status_code == 201
        endpoint = response.json()
        assert response.headers['Location'] == f'{daemon.base_url}/endpoints/custom/{endpoint["id"]}'
        assert endpoint['interface'] == interface
        assert endpoint['enabled'] is True and endpoint['interface_suffix'] is None
        assert endpoint['trunk'] is None and endpoint['line'] is None

    @pytest.mark.parametrize(
        'body, field',
        [
            ({}, 'interface'),
            ({'interface': 'bad interface'}, 'interface'),
            ({'interface': 'x' * 129}, 'interface'),
            ({'interface': 'ok', 'interface_suffix': 'x' * 33}, 'interface_suffix'),
            ({'interface': 'ok', 'enabled': 'yes'}, 'enabled'),
        ],
    )
    def test_invalid_bodies_are_400(self, client: Client, body: dict, field: str) -> None:
        response = client.post('/endpoints/custom', json=body)

        assert response.status_code == 400
        assert any(e.startswith(f'Input Error - {field}: ') for e in response.json())

    def test_interface_is_unique(self, client: Client) -> None:
        endpoint = custom(client)

        response = client.post('/endpoints/custom', json={'interface': endpoint['interface']})

        assert response.status_code == 400
        assert response.json() == [
            f"Resource Error - CustomEndpoint already exists ('interface': '{endpoint['interface']}')"
        ]

    def test_list_orders_by_interface_and_searches(self, client: Client) -> None:
        tag = unique('t')
        second, first = custom(client, interface=f'{tag}/b'), custom(client, interface=f'{tag}/a')

        body = client.get('/endpoints/custom', params={'search': tag}).json()

        assert [e['id'] for e in body['items']] == [first['id'], second['id']]

    def test_search_looks_into_the_id_and_context_is_a_column(self, client: Client) -> None:
        endpoint = custom(client)

        searched = client.get('/endpoints/custom', params={'search': str(endpoint['id'])}).json()
        ordered = client.get('/endpoints/custom', params={'order': 'context', 'limit': 1})
        filtered = client.get('/endpoints/custom', params={'context': 'default'}).json()

        assert endpoint['id'] in [item['id'] for item in searched['items']]
        assert ordered.status_code == 200
        assert filtered['total'] == 0

    def test_an_endpoint_of_a_line_is_found_by_the_line_context(self, client: Client) -> None:
        endpoint = custom(client)
        line = client.post('/lines', json={'context': context(client)}).json()
        assert client.put(f'/lines/{line["id"]}/endpoints/custom/{endpoint["id"]}').status_code == 204

        body = client.get('/endpoints/custom', params={'context': line['context']}).json()

        assert [item['id'] for item in body['items']] == [endpoint['id']]

    def test_events(self, client: Client, rows: Rows) -> None:
        events = Events(client)

        endpoint = custom(client)
        client.put(f'/endpoints/custom/{endpoint["id"]}', json={'enabled': False})
        client.delete(f'/endpoints/custom/{endpoint["id"]}')

        found = events.all('custom_endpoint')
        assert [(e['name'], e['routing_key']) for e in found] == [
            ('custom_endpoint_created', 'config.custom_endpoint.created'),
            ('custom_endpoint_edited', 'config.custom_endpoint.edited'),
            ('custom_endpoint_deleted', 'config.custom_endpoint.deleted'),
        ]
        assert found[0]['data'] == {
            'id': endpoint['id'],
            'tenant_uuid': endpoint['tenant_uuid'],
            'interface': endpoint['interface'],
            'trunk': None,
            'line': None,
        }
