"""/outcalls/{id}/callpermissions/{id} over HTTP against the real daemon."""

from __future__ import annotations

import uuid

import pytest

from .helpers.bus import BusListener, bus_config, delete_queue
from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows, create_database, drop_database
from .helpers.telephony import create, sub_tenant, unique


def permission(client: Client) -> dict:
    return create(client, '/callpermissions', {'name': unique('perm')})


def outcall(client: Client) -> dict:
    return create(client, '/outcalls', {'name': unique('out')})


def url(route: dict, call_permission: dict) -> str:
    return f'/outcalls/{route["id"]}/callpermissions/{call_permission["id"]}'


def test_associate_shows_each_side_on_the_other(client: Client, daemon: Daemon) -> None:
    route, first, second = outcall(client), permission(client), permission(client)

    response = client.put(url(route, first))
    client.put(url(route, second))

    assert (response.status_code, response.content) == (204, b'')
    assert client.get(f'/outcalls/{route["id"]}').json()['call_permissions'] == [
        {
            'id': made['id'],
            'tenant_uuid': made['tenant_uuid'],
            'name': made['name'],
            'links': [{'rel': 'callpermissions', 'href': f'{daemon.base_url}/callpermissions/{made["id"]}'}],
        }
        for made in (first, second)
    ]
    assert client.get(f'/callpermissions/{first["id"]}').json()['outcalls'] == [
        {
            'id': route['id'],
            'name': route['name'],
            'links': [{'rel': 'outcalls', 'href': f'{daemon.base_url}/outcalls/{route["id"]}'}],
        }
    ]
    listed = client.get('/outcalls', params={'name': route['name']}).json()['items']
    assert [[p['id'] for p in item['call_permissions']] for item in listed] == [[first['id'], second['id']]]


def test_associate_twice_is_no_error(client: Client) -> None:
    route, made = outcall(client), permission(client)
    client.put(url(route, made))

    assert client.put(url(route, made)).status_code == 204

    assert [p['id'] for p in client.get(f'/outcalls/{route["id"]}').json()['call_permissions']] == [made['id']]


def test_dissociate_removes_it_and_again_is_no_error(client: Client) -> None:
    route, made = outcall(client), permission(client)
    client.put(url(route, made))

    assert client.delete(url(route, made)).status_code == 204
    assert client.delete(url(route, made)).status_code == 204

    assert client.get(f'/outcalls/{route["id"]}').json()['call_permissions'] == []
    assert client.get(f'/callpermissions/{made["id"]}').json()['outcalls'] == []


def test_deleting_either_side_removes_the_link(client: Client) -> None:
    route, made, other = outcall(client), permission(client), outcall(client)
    client.put(url(route, made))
    client.put(url(other, made))

    assert client.delete(f'/outcalls/{route["id"]}').status_code == 204
    assert [o['id'] for o in client.get(f'/callpermissions/{made["id"]}').json()['outcalls']] == [other['id']]
    assert client.delete(f'/callpermissions/{made["id"]}').status_code == 204
    assert client.get(f'/outcalls/{other["id"]}').json()['call_permissions'] == []


@pytest.mark.parametrize('method', ['put', 'delete'])
def test_unknown_outcall_or_permission_is_404(client: Client, method: str) -> None:
    route, made = outcall(client), permission(client)
    call = getattr(client, method)

    no_outcall = call(f'/outcalls/999999999/callpermissions/{made["id"]}')
    no_permission = call(f'/outcalls/{route["id"]}/callpermissions/999999999')

    assert no_outcall.json() == ["Resource Not Found - Outcall was not found ('id': 999999999)"]
    assert no_permission.status_code == 404
    assert no_permission.json()[0].startswith('Resource Not Found - CallPermission was not found')


def test_different_tenants_are_refused(client: Client, daemon: Daemon, rows: Rows) -> None:
    route = outcall(client)
    made = permission(daemon.client(tenant=sub_tenant(rows, route['tenant_uuid'])))

    response = client.put(url(route, made))

    assert response.status_code == 400
    assert response.json() == [
        'Resource Error - different tenants '
        f"('outcall_tenant_uuid': '{route['tenant_uuid']}', 'call_permission_tenant_uuid': '{made['tenant_uuid']}')"
    ]


def test_another_tenant_cannot_link_or_unlink(client: Client, daemon: Daemon, rows: Rows) -> None:
    route, made = outcall(client), permission(client)
    other = daemon.client(tenant=sub_tenant(rows, route['tenant_uuid']))

    assert other.put(url(route, made)).status_code == 404
    client.put(url(route, made))
    assert other.delete(url(route, made)).status_code == 404
    assert len(client.get(f'/outcalls/{route["id"]}').json()['call_permissions']) == 1


def test_link_and_unlink_publish_their_events(tmp_path_factory: pytest.TempPathFactory) -> None:
    uri = create_database('confd_outcall_cp_bus')
    config = bus_config(origin_uuid=str(uuid.uuid4()))
    daemon = Daemon(str(tmp_path_factory.mktemp('daemon-outcall-cp-bus')), uri, config).start()
    # Bound on this daemon's origin: other workers' daemons publish the same ids.
    names = ['outcall_call_permission_associated', 'outcall_call_permission_dissociated']
    listener = BusListener(names, origin_uuid=daemon.config['uuid'])
    try:
        client = daemon.client()
        route, made = outcall(client), permission(client)
        client.put(url(route, made))
        client.delete(url(route, made))

        messages = [
            m for m in listener.collect(8, timeout=10, idle=2) if m.body['data'].get('outcall_id') == route['id']
        ]
    finally:
        listener.close()
        daemon.stop()
        delete_queue(daemon.config['bus']['queue_name'])
        drop_database(uri)

    assert [(m.headers['name'], m.routing_key) for m in messages] == [
        ('outcall_call_permission_associated', f'config.outcalls.{route["id"]}.callpermissions.updated'),
        ('outcall_call_permission_dissociated', f'config.outcalls.{route["id"]}.callpermissions.deleted'),
    ]
    for message in messages:
        assert message.body['data'] == {'outcall_id': route['id'], 'call_permission_id': made['id']}
        assert message.headers['tenant_uuid'] == route['tenant_uuid']
