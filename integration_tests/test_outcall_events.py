"""The events of outcalls and of their extensions, read from a RabbitMQ queue bound to
wazo-headers, as the daemon publishes them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .helpers.bus import BusListener, Message, bus_config, delete_queue
from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import create_database, drop_database

NAMES = [
    'outcall_created',
    'outcall_edited',
    'outcall_deleted',
    'outcall_extension_associated',
    'outcall_extension_dissociated',
]


@pytest.fixture(scope='module')
def bus_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    uri = create_database('confd_outcall_bus')
    config = bus_config(origin_uuid=str(uuid.uuid4()))
    daemon = Daemon(str(tmp_path_factory.mktemp('daemon-outcall-bus')), uri, config).start()
    yield daemon
    daemon.stop()
    delete_queue(daemon.config['bus']['queue_name'])
    drop_database(uri)


@pytest.fixture
def listener(bus_daemon: Daemon) -> Iterator[BusListener]:
    # Bound on this daemon's origin: other workers' daemons publish outcalls with the same ids.
    bound = BusListener(NAMES, origin_uuid=bus_daemon.config['uuid'])
    yield bound
    bound.close()


@pytest.fixture
def client(bus_daemon: Daemon) -> Client:
    return bus_daemon.client()


def received(listener: BusListener, count: int, **data: object) -> list[Message]:
    """The next `count` messages of this daemon whose payload holds `data`."""
    found = [m for m in listener.collect(count * 4, timeout=10, idle=2) if _holds(m.body['data'], data)]
    assert len(found) == count, [m.body for m in found]
    return found


def _holds(payload: dict, data: dict) -> bool:
    return all(payload.get(key) == value for key, value in data.items())


def test_create_edit_delete_publish_their_events(client: Client, listener: BusListener) -> None:
    outcall = client.post('/outcalls', json={'name': f'out-{uuid.uuid4().hex[:8]}'}).json()
    client.put(f'/outcalls/{outcall["id"]}', json={'ring_time': 5})
    client.delete(f'/outcalls/{outcall["id"]}')

    messages = received(listener, 3, id=outcall['id'])

    assert [(m.headers['name'], m.routing_key) for m in messages] == [
        ('outcall_created', 'config.outcalls.created'),
        ('outcall_edited', 'config.outcalls.edited'),
        ('outcall_deleted', 'config.outcalls.deleted'),
    ]
    for message in messages:
        assert message.body['data'] == {'id': outcall['id']}
        assert message.headers['tenant_uuid'] == outcall['tenant_uuid']


def test_link_and_unlink_publish_their_events(client: Client, listener: BusListener) -> None:
    context = client.post('/contexts', json={'label': 'out', 'type': 'outcall'}).json()
    extension = client.post('/extensions', json={'exten': '_9.', 'context': context['name']}).json()
    outcall = client.post('/outcalls', json={'name': f'out-{uuid.uuid4().hex[:8]}'}).json()
    link = f'/outcalls/{outcall["id"]}/extensions/{extension["id"]}'
    client.put(link, json={'strip_digits': 1})
    client.delete(link)

    messages = received(listener, 2, outcall_id=outcall['id'])

    assert [(m.headers['name'], m.routing_key) for m in messages] == [
        ('outcall_extension_associated', 'config.outcalls.extensions.updated'),
        ('outcall_extension_dissociated', 'config.outcalls.extensions.deleted'),
    ]
    for message in messages:
        assert message.body['data'] == {'outcall_id': outcall['id'], 'extension_id': extension['id']}
        assert message.headers['tenant_uuid'] == outcall['tenant_uuid']


def test_unlinking_what_is_not_linked_publishes_nothing(client: Client, listener: BusListener) -> None:
    context = client.post('/contexts', json={'label': 'out', 'type': 'outcall'}).json()
    extension = client.post('/extensions', json={'exten': '_8.', 'context': context['name']}).json()
    outcall = client.post('/outcalls', json={'name': f'out-{uuid.uuid4().hex[:8]}'}).json()

    client.delete(f'/outcalls/{outcall["id"]}/extensions/{extension["id"]}')

    messages = listener.collect(10, timeout=3, idle=2)
    assert [m for m in messages if m.body['data'].get('outcall_id') == outcall['id']] == []
