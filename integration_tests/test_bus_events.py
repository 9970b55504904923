"""Events on the real RabbitMQ: exact envelope, status, and wazo-auth's tenant events."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from .helpers.bus import BusListener, bus_config, own_vhost, publish, wait_for
from .helpers.daemon import Daemon
from .helpers.database import Rows, create_database, drop_database

USER_EVENTS = ['user_created', 'user_edited', 'user_deleted']


@pytest.fixture(scope='module', params=['postgresql', 'sqlite'])
def bus_daemon(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    # A database of its own: a second daemon on the shared one would replace its admin key.
    # A virtual host of its own: the tenant events these tests inject reach this daemon only.
    pg = request.param == 'postgresql'
    uri = create_database('confd_bus') if pg else f'sqlite:///{tmp_path_factory.mktemp("bus") / "confd.sqlite"}'
    with own_vhost() as vhost:
        config = bus_config(str(uuid.uuid4()))
        config['bus']['vhost'] = vhost
        daemon = Daemon(str(tmp_path_factory.mktemp(f'bus-{request.param}')), uri, config).start()
        yield daemon
        daemon.stop()
    if pg:
        drop_database(uri)


@pytest.fixture
def listener(bus_daemon: Daemon) -> Iterator[BusListener]:
    listener = BusListener(USER_EVENTS, origin_uuid=bus_daemon.config['uuid'], vhost=bus_daemon.config['bus']['vhost'])
    yield listener
    listener.close()


def test_user_create_edit_delete_events_arrive_with_the_exact_envelope(
    bus_daemon: Daemon, listener: BusListener
) -> None:
    client = bus_daemon.client()
    user = client.post('/users', json={'firstname': 'Ada'}).json()
    assert client.put(f'/users/{user["id"]}', json={'firstname': 'Ada', 'lastname': 'L'}).status_code == 204
    assert client.delete(f'/users/{user["id"]}').status_code == 204

    messages = listener.collect(3)

    assert [m.headers['name'] for m in messages] == USER_EVENTS
    assert [m.routing_key for m in messages] == ['config.user.created', 'config.user.edited', 'config.user.deleted']
    origin = bus_daemon.config['uuid']
    assert len({m.headers['event_id'] for m in messages}) == 3
    for message, name in zip(messages, USER_EVENTS, strict=False):
        headers = message.headers
        event_id = headers.pop('event_id')
        uuid.UUID(event_id)
        assert headers == {
            'tenant_uuid': user['tenant_uuid'],
            'user_uuid:*': True,
            'required_access': f'event.{name}',
            'required_acl': f'events.{message.routing_key}',
            'name': name,
            'origin_uuid': origin,
            'timestamp': headers['timestamp'],
        }
        assert message.body == {
            **headers,
            'data': {
                'id': user['id'],
                'uuid': user['uuid'],
                'subscription_type': 0,
                'created_at': message.body['data']['created_at'],
                'tenant_uuid': user['tenant_uuid'],
            },
        }
        assert message.content_type == 'application/json'
        assert message.delivery_mode == 2
    assert messages[0].body['data']['created_at'] is not None


def test_status_shows_publisher_consumer_and_an_empty_backlog(bus_daemon: Daemon) -> None:
    client = bus_daemon.client()
    assert wait_for(lambda: client.get('/status').json()['bus_consumer']['status'] == 'ok')

    status = wait_for(lambda: (s := client.get('/status').json()) and s['bus_publisher']['backlog'] == 0 and s)

    assert status['bus_publisher'] == {'status': 'ok', 'backlog': 0, 'enabled': True}
    assert status['bus_consumer'] == {'status': 'ok'}


def test_sent_events_are_marked_sent(bus_daemon: Daemon) -> None:
    user = bus_daemon.client().post('/users', json={'firstname': 'Sent'}).json()
    rows = Rows(bus_daemon.db_uri)
    try:
        query = "SELECT count(*) FROM outbox_event WHERE name = 'user_created' AND sent_at IS NULL"
        assert wait_for(lambda: rows.scalar(query) == 0)
        assert rows.count('outbox_event', 'CAST(body AS TEXT) LIKE :pattern', pattern=f'%{user["uuid"]}%') == 1
    finally:
        rows.dispose()


def tenant_count(uri: str, tenant_uuid: str) -> int:
    rows = Rows(uri)
    try:
        return rows.count('tenant', 'uuid = :uuid', uuid=tenant_uuid)
    finally:
        rows.dispose()


def test_auth_tenant_added_creates_the_tenant_with_its_slug_once(bus_daemon: Daemon) -> None:
    tenant_uuid = str(uuid.uuid4())
    data = {'uuid': tenant_uuid, 'name': 'Acme corp', 'slug': 'acme'}

    publish('auth_tenant_added', data, vhost=bus_daemon.config['bus']['vhost'])
    publish('auth_tenant_added', data, vhost=bus_daemon.config['bus']['vhost'])

    rows = Rows(bus_daemon.db_uri)
    try:
        assert wait_for(lambda: rows.count('tenant', 'uuid = :uuid', uuid=tenant_uuid) == 1)
        assert rows.all('SELECT name, slug FROM tenant WHERE uuid = :uuid', uuid=tenant_uuid) == [
            {'name': 'Acme corp', 'slug': 'acme'}
        ]
    finally:
        rows.dispose()


def test_auth_tenant_deleted_removes_the_tenant_and_its_users(bus_daemon: Daemon) -> None:
    client = bus_daemon.client()
    tenant_uuid = str(uuid.uuid4())
    master_uuid = _master_tenant(bus_daemon.db_uri)
    publish(
        'auth_tenant_added',
        {'uuid': tenant_uuid, 'slug': 'gone', 'parent_uuid': master_uuid},
        vhost=bus_daemon.config['bus']['vhost'],
    )
    assert wait_for(lambda: tenant_count(bus_daemon.db_uri, tenant_uuid) == 1)
    user = client.post('/users', json={'firstname': 'Doomed'}, headers={'Wazo-Tenant': tenant_uuid}).json()
    assert user['tenant_uuid'] == tenant_uuid

    publish('auth_tenant_deleted', {'uuid': tenant_uuid}, vhost=bus_daemon.config['bus']['vhost'])
    publish('auth_tenant_deleted', {'uuid': tenant_uuid}, vhost=bus_daemon.config['bus']['vhost'])

    assert wait_for(lambda: tenant_count(bus_daemon.db_uri, tenant_uuid) == 0)
    assert client.get(f'/users/{user["uuid"]}').status_code == 404


def _master_tenant(uri: str) -> str:
    engine = create_engine(uri)
    try:
        with engine.connect() as connection:
            return connection.execute(text('SELECT master_tenant_uuid FROM installation')).scalar_one()
    finally:
        engine.dispose()
