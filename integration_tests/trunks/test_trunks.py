"""/trunks over HTTP against the real daemon: fields, validation, list, events on RabbitMQ,
reloads received by a wazo-sysconfd stand-in, and the context a trunk holds."""

from __future__ import annotations

import pytest

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import context, sip, unique
from ..helpers.trunks import iax, trunk
from .conftest import Reloads

EVENTS = ['trunk_created', 'trunk_edited', 'trunk_deleted']


def test_create_returns_the_trunk_with_defaults_and_location(api: Client, trunk_daemon: Daemon) -> None:
    response = api.post('/trunks', json={})

    assert response.status_code == 201
    body = response.json()
    assert response.headers['Location'] == f'{trunk_daemon.base_url}/trunks/{body["id"]}'
    assert body == {
        'id': body['id'],
        'tenant_uuid': body['tenant_uuid'],
        'context': None,
        'twilio_incoming': False,
        'outgoing_caller_id_format': '+E164',
        'links': [{'rel': 'trunks', 'href': f'{trunk_daemon.base_url}/trunks/{body["id"]}'}],
        'endpoint_sip': None,
        'endpoint_custom': None,
        'endpoint_iax': None,
        'outcalls': [],
        'register_iax': None,
    }
    assert api.get(f'/trunks/{body["id"]}').json() == body


def test_create_with_every_field(api: Client) -> None:
    name = context(api)

    body = trunk(api, context=name, twilio_incoming=True, outgoing_caller_id_format='national')

    assert (body['context'], body['twilio_incoming'], body['outgoing_caller_id_format']) == (name, True, 'national')


def test_edit_changes_the_fields(api: Client) -> None:
    created = trunk(api)
    name = context(api)

    response = api.put(f'/trunks/{created["id"]}', json={'context': name, 'outgoing_caller_id_format': 'E164'})

    assert response.status_code == 204
    read = api.get(f'/trunks/{created["id"]}').json()
    assert (read['context'], read['outgoing_caller_id_format']) == (name, 'E164')
    assert api.put(f'/trunks/{created["id"]}', json={'context': None}).status_code == 204
    assert api.get(f'/trunks/{created["id"]}').json()['context'] is None


def test_a_null_twilio_incoming_is_false(api: Client) -> None:
    created = trunk(api, twilio_incoming=None)
    assert api.put(f'/trunks/{created["id"]}', json={'twilio_incoming': True}).status_code == 204

    response = api.put(f'/trunks/{created["id"]}', json={'twilio_incoming': None})

    # Upstream's column takes no null: a trunk answers a boolean, never null.
    assert response.status_code == 204
    assert (created['twilio_incoming'], api.get(f'/trunks/{created["id"]}').json()['twilio_incoming']) == (False, False)


@pytest.mark.parametrize(
    'body, field',
    [
        ({'outgoing_caller_id_format': 'international'}, 'outgoing_caller_id_format'),
        ({'twilio_incoming': 'yes'}, 'twilio_incoming'),
        ({'context': 42}, 'context'),
    ],
)
def test_invalid_fields_are_400(api: Client, body: dict, field: str) -> None:
    response = api.post('/trunks', json=body)

    assert response.status_code == 400
    assert [e for e in response.json() if e.startswith(f'Input Error - {field}: ')]


def test_an_unknown_context_is_400(api: Client) -> None:
    response = api.post('/trunks', json={'context': 'nowhere'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'context': Context was not found ('context': 'nowhere')"]


def test_a_too_long_context_is_not_found(api: Client) -> None:
    # As upstream: the name has no length of its own to check, no context has it.
    response = api.post('/trunks', json={'context': 'x' * 80})

    assert response.status_code == 400
    assert response.json() == [f"Input Error - field 'context': Context was not found ('context': '{'x' * 80}')"]


def test_a_context_of_a_sub_tenant_is_another_tenant(api: Client, trunk_daemon: Daemon) -> None:
    tenant = api.get(f'/trunks/{trunk(api)["id"]}').json()['tenant_uuid']
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    name = context(trunk_daemon.client(tenant=child))

    response = api.post('/trunks', json={'context': name})

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('trunk_tenant_uuid': '{tenant}', 'context_tenant_uuid': '{child}')"
    ]


def test_a_context_of_the_selected_tenant_is_another_tenant_on_edit(api: Client, trunk_daemon: Daemon) -> None:
    name = context(api)
    parent = api.get('/contexts', params={'name': name}).json()['items'][0]['tenant_uuid']
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    in_child = trunk(trunk_daemon.client(tenant=child))

    # As upstream: the parent's context, seen from the parent, is not the trunk's tenant's.
    on_edit = api.put(f'/trunks/{in_child["id"]}', json={'context': name})
    # Seen from the child, the parent's context is not there (lookups are tenant-scoped).
    on_create = trunk_daemon.client(tenant=child).post('/trunks', json={'context': name})

    assert (on_edit.status_code, on_edit.json()) == (
        400,
        [f"Resource Error - different tenants ('trunk_tenant_uuid': '{child}', 'context_tenant_uuid': '{parent}')"],
    )
    assert (on_create.status_code, on_create.json()) == (
        400,
        [f"Input Error - field 'context': Context was not found ('context': '{name}')"],
    )


def test_unknown_trunk_is_404(api: Client) -> None:
    for method in ('get', 'put', 'delete'):
        response = api.request(method, '/trunks/999999', json={})

        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Trunk was not found ('id': 999999)"]


def test_a_context_used_by_a_trunk_cannot_be_deleted(api: Client) -> None:
    name = context(api)
    created = trunk(api, context=name)
    context_id = api.get('/contexts', params={'name': name}).json()['items'][0]['id']

    response = api.delete(f'/contexts/{context_id}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Context is associated with a Trunk ('context_id': {context_id}, 'trunk_id': {created['id']})"
    ]
    api.delete(f'/trunks/{created["id"]}')
    assert api.delete(f'/contexts/{context_id}').status_code == 204


def test_list_searches_the_endpoint_name_and_orders(api: Client) -> None:
    first, second = trunk(api), trunk(api)
    endpoint = iax(api, name=unique('trk').replace('-', '_'))
    assert api.put(f'/trunks/{second["id"]}/endpoints/iax/{endpoint["id"]}').status_code == 204

    found = api.get('/trunks', params={'search': endpoint['name']}).json()
    ordered = api.get('/trunks', params={'order': 'id', 'direction': 'desc', 'limit': 2}).json()

    assert [t['id'] for t in found['items']] == [second['id']] and found['total'] == 1
    assert [t['id'] for t in ordered['items']] == [second['id'], first['id']]
    assert api.get('/trunks', params={'order': 'name'}).status_code == 200
    assert first['id'] in [t['id'] for t in api.get('/trunks', params={'search': '+E164'}).json()['items']]


def test_every_search_column_of_the_contract_orders_the_list(api: Client) -> None:
    made = [trunk(api)['id'], trunk(api)['id']]

    for column in ('id', 'context', 'description', 'name', 'label', 'outgoing_caller_id_format'):
        response = api.get('/trunks', params={'order': column, 'direction': 'desc'})
        assert response.status_code == 200, (column, response.text)
        assert set(made) <= {t['id'] for t in response.json()['items']}
    # No route writes a trunk's description (as upstream): it matches no search, no filter.
    assert api.get('/trunks', params={'description': 'x'}).json()['items'] == []


def test_a_bad_order_is_400(api: Client) -> None:
    response = api.get('/trunks', params={'order': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - order: column 'nope' was not found"]


def test_create_edit_delete_events(api: Client, bus: Events) -> None:
    created = trunk(api)
    api.put(f'/trunks/{created["id"]}', json={'outgoing_caller_id_format': 'E164'})
    api.delete(f'/trunks/{created["id"]}')

    messages = bus.among(*EVENTS)

    assert [(m['name'], m['routing_key']) for m in messages] == [
        ('trunk_created', 'config.trunk.created'),
        ('trunk_edited', 'config.trunk.edited'),
        ('trunk_deleted', 'config.trunk.deleted'),
    ]
    for message in messages:
        assert message['data'] == {'id': created['id']}
        assert message['headers']['tenant_uuid'] == created['tenant_uuid']
        assert message['headers']['user_uuid:*'] is True


def test_a_trunk_without_endpoint_asks_no_reload(api: Client, reloads: Reloads) -> None:
    created = trunk(api)

    assert reloads(lambda: api.put(f'/trunks/{created["id"]}', json={'twilio_incoming': True})) == []
    assert reloads(lambda: api.delete(f'/trunks/{created["id"]}')) == []


def test_a_sip_trunk_reloads_pjsip_on_edit_and_delete(api: Client, reloads: Reloads) -> None:
    created, endpoint = trunk(api), sip(api)
    api.put(f'/trunks/{created["id"]}/endpoints/sip/{endpoint["uuid"]}')
    expected = [{'ipbx': ['module reload res_pjsip.so'], 'agentbus': []}]

    assert reloads(lambda: api.put(f'/trunks/{created["id"]}', json={'context': None})) == expected
    assert reloads(lambda: api.delete(f'/trunks/{created["id"]}')) == expected


def test_an_iax_trunk_reloads_iax_on_edit_and_delete(api: Client, reloads: Reloads) -> None:
    created, endpoint = trunk(api), iax(api)
    api.put(f'/trunks/{created["id"]}/endpoints/iax/{endpoint["id"]}')
    expected = [{'ipbx': ['iax2 reload'], 'agentbus': []}]

    assert reloads(lambda: api.put(f'/trunks/{created["id"]}', json={'context': None})) == expected
    assert reloads(lambda: api.delete(f'/trunks/{created["id"]}')) == expected


def test_a_trunk_of_another_tenant_is_404(api: Client, trunk_daemon: Daemon) -> None:
    child = api.post('/tenants', json={'name': unique('other')}).json()['uuid']
    created = trunk(trunk_daemon.client(tenant=child))
    sibling = api.post('/tenants', json={'name': unique('sibling')}).json()['uuid']

    response = trunk_daemon.client(tenant=sibling).get(f'/trunks/{created["id"]}')

    assert response.status_code == 404
    assert created['id'] not in [t['id'] for t in trunk_daemon.client(tenant=sibling).get('/trunks').json()['items']]


def test_deleting_a_tenant_removes_its_trunks(api: Client, trunk_daemon: Daemon) -> None:
    child = api.post('/tenants', json={'name': unique('gone')}).json()['uuid']
    client = trunk_daemon.client(tenant=child)
    created = trunk(client, context=context(client))
    endpoint = iax(client)
    client.put(f'/trunks/{created["id"]}/endpoints/iax/{endpoint["id"]}')

    assert api.delete(f'/tenants/{child}').status_code == 204

    assert api.get(f'/trunks/{created["id"]}').status_code == 404
    assert api.get(f'/endpoints/iax/{endpoint["id"]}').status_code == 404
