"""A real queue bound to wazo-headers, to read what the daemon publishes, and a publisher
to inject the events of other daemons (wazo-auth's tenant events)."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kombu import Connection, Exchange, Queue, binding

BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672//'
EXCHANGE = Exchange('wazo-headers', type='headers', durable=True)


@dataclass
class Message:
    headers: dict
    body: dict
    routing_key: str
    content_type: str
    delivery_mode: int | None


class BusListener:
    """A queue of our own receiving the events named `names`."""

    def __init__(self, names: list[str], durable: bool = False) -> None:
        self.name = f'confd-test-{uuid.uuid4().hex[:10]}'
        self.connection = Connection(BROKER_URL)
        # A headers binding matches header values, so bind once per event name.
        bindings = [binding(EXCHANGE, arguments={'x-match': 'all', 'name': n}) for n in names]
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

    def _reconnect(self) -> None:
        time.sleep(0.5)
        try:
            self.connection.release()
        except Exception:
            pass
        self.connection = Connection(BROKER_URL)

    def close(self) -> None:
        try:
            self.queue(self.connection.default_channel).delete()
        finally:
            self.connection.release()


def publish(name: str, data: dict) -> None:
    """Publish an event as another Wazo daemon would."""
    with Connection(BROKER_URL) as connection:
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


def wait_for(predicate: Callable[[], T], timeout: float = 10, interval: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
