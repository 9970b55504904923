"""No event lost: broker outage, SIGKILL, and two daemons sharing one database."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers.bus import BusListener, delete_queue, rabbitmqctl, wait_for
from .helpers.daemon import Daemon, free_port
from .helpers.database import Rows

# The uuid of this module's daemons: their listeners hear no other run's events.
ORIGIN = str(uuid.uuid4())


def bus_config(**bus: object) -> dict:
    return {'uuid': ORIGIN, 'bus': {'enabled': True, 'queue_name': f'confd-test-{uuid.uuid4().hex[:10]}', **bus}}


def created_uuids(listener: BusListener, count: int, timeout: float) -> list[str]:
    """The user uuids of the user_created events received, repeats (same event_id) dropped."""
    seen: set[str] = set()
    result: list[str] = []
    for message in listener.collect(count * 2, timeout=timeout, idle=3):
        event_id = message.headers['event_id']
        if event_id not in seen:
            seen.add(event_id)
            result.append(message.body['data']['uuid'])
    return result


@pytest.fixture
def durable_listener() -> Iterator[BusListener]:
    listener = BusListener(['user_created'], origin_uuid=ORIGIN, durable=True)
    yield listener
    listener.close()


@pytest.mark.outage
def test_broker_stopped_during_500_writes_loses_no_event_and_keeps_commit_order(
    fresh_pg: str, tmp_path: Path, durable_listener: BusListener
) -> None:
    daemon = Daemon(str(tmp_path), fresh_pg, bus_config()).start()
    client = daemon.client()
    created: list[str] = []
    try:
        for i in range(500):
            if i == 100:
                rabbitmqctl('stop_app')
            if i == 300:
                assert wait_for(lambda: client.get('/status').json()['bus_publisher']['status'] == 'fail')
            if i == 400:
                rabbitmqctl('start_app')
            response = client.post('/users', json={'firstname': f'outage{i}'})
            assert response.status_code == 201, response.text
            created.append(response.json()['uuid'])
    finally:
        rabbitmqctl('start_app')
    try:
        received = created_uuids(durable_listener, 500, timeout=90)
        assert received == created
        assert wait_for(lambda: client.get('/status').json()['bus_publisher']['status'] == 'ok')
    finally:
        daemon.stop()
        delete_queue(daemon.config['bus']['queue_name'])


def test_events_committed_before_a_sigkill_are_published_after_restart(fresh_pg: str, tmp_path: Path) -> None:
    # The broker is unreachable (closed port) so the events stay in the outbox.
    daemon = Daemon(str(tmp_path), fresh_pg, bus_config(port=free_port())).start()
    listener = BusListener(['user_created'], origin_uuid=ORIGIN)
    try:
        client = daemon.client()
        backlog = client.get('/status').json()['bus_publisher']['backlog']  # events of the first start
        created = [client.post('/users', json={'firstname': f'kill{i}'}).json()['uuid'] for i in range(20)]
        assert client.get('/status').json()['bus_publisher']['backlog'] == backlog + 20
        daemon.kill()

        daemon.config['bus']['port'] = 5672
        daemon.start()

        assert created_uuids(listener, 20, timeout=30) == created
        rows = Rows(fresh_pg)
        assert wait_for(lambda: rows.count('outbox_event', 'sent_at IS NULL') == 0)
        rows.dispose()
    finally:
        listener.close()
        daemon.stop()
        delete_queue(daemon.config['bus']['queue_name'])


def test_two_daemons_on_one_database_publish_each_event_once(fresh_pg: str, tmp_path: Path) -> None:
    config = bus_config()
    first = Daemon(str(tmp_path / 'a'), fresh_pg, config).start()
    second = Daemon(str(tmp_path / 'b'), fresh_pg, {**config, 'auth': {'bootstrap_key_file': first.key_file}}).start()
    listener = BusListener(['user_created'], origin_uuid=ORIGIN)
    created: list[str] = []

    def write(daemon: Daemon, name: str) -> None:
        client = daemon.client(token=first.admin_key())
        for i in range(100):
            created.append(client.post('/users', json={'firstname': f'{name}{i}'}).json()['uuid'])

    try:
        threads = [threading.Thread(target=write, args=(d, n)) for d, n in ((first, 'a'), (second, 'b'))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        messages = listener.collect(400, timeout=30, idle=3)

        assert len(created) == 200
        assert len(messages) == 200
        assert sorted(m.body['data']['uuid'] for m in messages) == sorted(created)
    finally:
        listener.close()
        first.stop()
        second.stop()
        delete_queue(config['bus']['queue_name'])
