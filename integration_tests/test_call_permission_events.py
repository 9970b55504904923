"""Events of call permissions, user-call permission links and context inclusions, read from
the real RabbitMQ, with their exact payload, routing key and headers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .helpers.bus import BusListener, Message, delete_queue, publish, wait_for
from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows, create_database, drop_database
from .helpers.telephony import create, create_context, create_user, sub_tenant, unique

EVENTS = [
    'call_permission_created',
    'call_permission_edited',
    'call_permission_deleted',
    'user_call_permission_associated',
    'user_call_permission_dissociated',
    'contexts_associated',
]


@pytest.fixture(scope='module')
def bus_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    # A database of its own: a second daemon on the shared one would replace its admin key.
    uri = create_database('confd_callperm_bus')
    config = {'bus': {'enabled': True, 'queue_name': f'confd-test-{uuid.uuid4().hex[:10]}'}, 'uuid': str(uuid.uuid4())}
    daemon = Daemon(str(tmp_path_factory.mktemp('callperm-bus')), uri, config).start()
    yield daemon
    daemon.stop()
    delete_queue(daemon.config['bus']['queue_name'])
    drop_database(uri)


@pytest.fixture
def client(bus_daemon: Daemon) -> Client:
    return bus_daemon.client()


@pytest.fixture
def listener(bus_daemon: Daemon) -> Iterator[BusListener]:
    listener = BusListener(EVENTS, origin_uuid=bus_daemon.config['uuid'])
    yield listener
    listener.close()


def received(listener: BusListener, daemon: Daemon, count: int) -> list[Message]:
    """The next `count` events of this daemon (other helpers' daemons share the broker)."""
    origin = daemon.config['uuid']
    found: list[Message] = []
    while len(found) < count:
        batch = listener.collect(count - len(found), timeout=10)
        if not batch:
            break
        found += [m for m in batch if m.headers.get('origin_uuid') == origin]
    # Nothing more of ours comes after them.
    found += [m for m in listener.collect(1, timeout=0.5) if m.headers.get('origin_uuid') == origin]
    return found


def check_envelope(message: Message, daemon: Daemon, name: str, routing_key: str, tenant_uuid: str) -> dict:
    """The headers every event of ours carries; the user headers are returned to be checked."""
    headers = dict(message.headers)
    uuid.UUID(headers.pop('event_id'))
    assert message.routing_key == routing_key
    assert headers.pop('tenant_uuid') == tenant_uuid
    assert {key: headers.pop(key) for key in ('name', 'origin_uuid', 'required_access', 'required_acl')} == {
        'name': name,
        'origin_uuid': daemon.config['uuid'],
        'required_access': f'event.{name}',
        'required_acl': f'events.{routing_key}',
    }
    headers.pop('timestamp')
    assert message.body['name'] == name
    return headers


def test_call_permission_create_edit_delete(client: Client, bus_daemon: Daemon, listener: BusListener) -> None:
    made = create(client, '/callpermissions', {'name': unique('perm')})
    assert client.put(f'/callpermissions/{made["id"]}', json={'mode': 'allow'}).status_code == 204
    assert client.delete(f'/callpermissions/{made["id"]}').status_code == 204

    messages = received(listener, bus_daemon, 3)

    assert len(messages) == 3
    for message, action in zip(messages, ('created', 'edited', 'deleted'), strict=True):
        name = f'call_permission_{action}'
        headers = check_envelope(message, bus_daemon, name, f'config.callpermission.{action}', made['tenant_uuid'])
        assert headers == {'user_uuid:*': True}
        assert message.body['data'] == {'id': made['id']}


def test_a_failed_write_sends_nothing(client: Client, bus_daemon: Daemon, listener: BusListener) -> None:
    assert client.post('/callpermissions', json={'name': ''}).status_code == 400

    assert received(listener, bus_daemon, 1) == []


def test_user_call_permission_link_and_unlink(client: Client, bus_daemon: Daemon, listener: BusListener) -> None:
    user = create_user(client)
    made = create(client, '/callpermissions', {'name': unique('perm')})
    received(listener, bus_daemon, 1)  # the permission's creation
    path = f'/users/{user["uuid"]}/callpermissions/{made["id"]}'
    assert client.put(path).status_code == 204
    assert client.put(path).status_code == 204  # already linked: no second event
    assert client.delete(path).status_code == 204
    assert client.delete(path).status_code == 204  # already unlinked: none either

    messages = received(listener, bus_daemon, 2)

    assert len(messages) == 2
    for message, (action, verb) in zip(messages, (('associated', 'updated'), ('dissociated', 'deleted')), strict=True):
        name = f'user_call_permission_{action}'
        routing_key = f'config.users.{user["uuid"]}.callpermissions.{verb}'
        headers = check_envelope(message, bus_daemon, name, routing_key, user['tenant_uuid'])
        assert headers == {f'user_uuid:{user["uuid"]}': True}
        assert message.body['data'] == {'user_uuid': user['uuid'], 'call_permission_id': made['id']}


def test_context_inclusion(client: Client, bus_daemon: Daemon, listener: BusListener) -> None:
    internal, first, second = create_context(client), create_context(client), create_context(client)
    path = f'/contexts/{internal["id"]}/contexts'
    assert client.put(path, json={'contexts': [{'id': second['id']}, {'id': first['id']}]}).status_code == 204
    assert client.put(path, json={'contexts': []}).status_code == 204

    messages = received(listener, bus_daemon, 2)

    assert len(messages) == 2
    for message, ids in zip(messages, ([second['id'], first['id']], []), strict=True):
        routing_key = 'config.contexts.contexts.updated'
        headers = check_envelope(message, bus_daemon, 'contexts_associated', routing_key, internal['tenant_uuid'])
        assert headers == {'user_uuid:*': True}
        assert message.body['data'] == {'context_id': internal['id'], 'context_ids': ids}


def test_deleting_a_tenant_removes_its_call_permissions(client: Client, bus_daemon: Daemon) -> None:
    rows = Rows(bus_daemon.db_uri)
    try:
        master = rows.scalar('SELECT master_tenant_uuid FROM installation')
        tenant = sub_tenant(rows, master)
        tenant_client = client.as_token(client.token, tenant=tenant)
        made = create(tenant_client, '/callpermissions', {'name': unique('perm')})
        user = create_user(tenant_client)
        assert tenant_client.put(f'/users/{user["uuid"]}/callpermissions/{made["id"]}').status_code == 204

        publish('auth_tenant_deleted', {'uuid': tenant})

        assert wait_for(lambda: rows.count('tenant', 'uuid = :uuid', uuid=tenant) == 0)
        assert rows.count('call_permission', 'id = :id', id=made['id']) == 0
        assert rows.count('user_call_permission', 'call_permission_id = :id', id=made['id']) == 0
        assert client.get(f'/callpermissions/{made["id"]}').status_code == 404
    finally:
        rows.dispose()
