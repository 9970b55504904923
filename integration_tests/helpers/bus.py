"""A real queue bound to wazo-headers, to read what the daemon publishes, and a publisher
to inject the events of other daemons (wazo-auth's tenant events)."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from kombu import Connection, Exchange, Queue, binding

BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672//'


def broker_url(vhost: str = '/') -> str:
    return BROKER_URL if vhost == '/' else f'amqp://guest:guest@127.0.0.1:5672/{vhost}'


EXCHANGE = Exchange('wazo-headers', type='headers', durable=True)


@dataclass
class Message:
    headers: dict
    body: dict
    routing_key: str
    content_type: str
    delivery_mode: int | None

    @property
    def name(self) -> str:
        return self.headers['name']

    @property
    def data(self) -> dict:
        return self.body['data']


def bus_config(origin_uuid: str | None = None) -> dict:
    """The config of a daemon publishing to the test broker, with a consumer queue of its own.
    Its `uuid` (the `origin_uuid` its listeners bind on) is `origin_uuid` when given, else the
    one the daemon makes in its database at the first start (GET /infos), unique as the
    database is."""
    config: dict = {'bus': {'enabled': True, 'queue_name': f'confd-test-{uuid.uuid4().hex[:10]}'}}
    if origin_uuid is not None:
        config['uuid'] = origin_uuid
    return config


class BusListener:
    """A queue of our own receiving the events named `names` published by the daemon whose
    uuid is `origin_uuid` (or every event of that daemon when `names` is None).

    Binding on `origin_uuid` keeps the events of other daemons out: other test runs, other
    pytest-xdist workers and other suites share the broker."""

    def __init__(
        self, names: list[str] | None = None, origin_uuid: str | None = None, durable: bool = False, vhost: str = '/'
    ) -> None:
        self.name = f'confd-test-{uuid.uuid4().hex[:10]}'
        self.url = broker_url(vhost)
        self.connection = Connection(self.url)
        origin = {'origin_uuid': origin_uuid} if origin_uuid else {}
        # A headers binding matches header values, so bind once per event name.
        matches = [{'name': n, **origin} for n in names] if names is not None else [origin]
        assert all(matches), 'a listener needs event names or an origin_uuid'
        bindings = [binding(EXCHANGE, arguments={'x-match': 'all', **match}) for match in matches]
        self.queue = Queue(self.name, bindings=bindings, durable=durable, auto_delete=False, exclusive=not durable)
        self.queue(self.connection.default_channel).declare()

    def collect(self, count: int, timeout: float = 10, idle: float | None = None) -> list[Message]:
        """Up to `count` messages, waiting at most `timeout` seconds (or `idle` seconds of silence)."""
        messages: list[Message] = []
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while len(messages) < count and time.monotonic() < deadline:
            try:
                channel = self.connection.default_channel
                raw = self.queue(channel).get(no_ack=True)
            except Exception:
                self._reconnect()
                continue
            if raw is None:
                if idle is not None and time.monotonic() - last > idle:
                    break
                time.sleep(0.01)
                continue
            last = time.monotonic()
            messages.append(
                Message(
                    headers=dict(raw.headers),
                    body=json.loads(raw.body),
                    routing_key=raw.delivery_info['routing_key'],
                    content_type=raw.content_type,
                    delivery_mode=raw.properties.get('delivery_mode'),
                )
            )
        return messages

    def expect(self, name: str, timeout: float = 10) -> Message:
        """The next message named `name` (others before it are dropped)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.collect(1, timeout=deadline - time.monotonic()):
                if message.name == name:
                    return message
        raise AssertionError(f'no {name} event within {timeout}s')

    def _reconnect(self) -> None:
        time.sleep(0.5)
        try:
            self.connection.release()
        except Exception:
            pass
        self.connection = Connection(self.url)

    def close(self) -> None:
        try:
            self.queue(self.connection.default_channel).delete()
        finally:
            self.connection.release()


def publish(name: str, data: dict, vhost: str = '/') -> None:
    """Publish an event as another Wazo daemon would."""
    with Connection(broker_url(vhost)) as connection:
        producer = connection.Producer(exchange=EXCHANGE)
        producer.publish(
            json.dumps({'name': name, 'origin_uuid': str(uuid.uuid4()), 'data': data}),
            headers={'name': name, 'origin_uuid': 'test'},
            routing_key=f'auth.tenants.{name}',
            content_type='application/json',
            declare=[EXCHANGE],
        )


def delete_queue(name: str) -> None:
    """Remove a daemon's durable consumer queue once its test is over."""
    with Connection(BROKER_URL) as connection:
        Queue(name)(connection.default_channel).delete()


T = TypeVar('T')


def rabbitmqctl(*args: str) -> None:
    subprocess.run(['rabbitmqctl', *args], check=True, capture_output=True, timeout=120)


@contextmanager
def own_vhost() -> Iterator[str]:
    """A virtual host of our own on the broker, removed with its queues after the block.

    For the tests that inject wazo-auth's tenant events: on the shared `/`, every daemon
    consuming them (other test files, other workers, other runs) would create those tenants."""
    name = f'confd-test-{uuid.uuid4().hex[:10]}'
    rabbitmqctl('add_vhost', name)
    try:
        rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*')
        yield name
    finally:
        rabbitmqctl('delete_vhost', name)


def wait_for(predicate: Callable[[], T], timeout: float = 10, interval: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
