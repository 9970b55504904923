"""Delivers outbox events to RabbitMQ: persistent messages, each confirmed by the broker."""

from __future__ import annotations

import json
from urllib.parse import quote

from kombu import Connection, Exchange, Producer

from .model import OutboxEvent
from .relay import PartialDelivery

CONNECT_TIMEOUT = 2.0
CONFIRM_TIMEOUT = 5.0


def broker_url(bus: dict) -> str:
    user, password = quote(bus['username'], safe=''), quote(bus['password'], safe='')
    return f"amqp://{user}:{password}@{bus['host']}:{bus['port']}/{quote(bus['vhost'], safe='')}"


def exchange(bus: dict) -> Exchange:
    return Exchange(bus['exchange_name'], type=bus['exchange_type'], durable=True)


class BusSink:
    """A relay sink publishing to the durable `bus.exchange_name` exchange with publisher confirms."""

    def __init__(self, bus: dict):
        self._url = broker_url(bus)
        self._exchange = exchange(bus)
        self._connection: Connection | None = None
        self._producer: Producer | None = None

    def _ensure(self) -> Producer:
        if self._producer is None:
            # confirm_publish: each basic.publish waits for the broker's ack (a nack raises).
            connection = Connection(
                self._url, connect_timeout=CONNECT_TIMEOUT, transport_options={'confirm_publish': True}
            )
            self._connection = connection
            connection.connect()
            channel = connection.channel()
            self._exchange(channel).declare()
            self._producer = Producer(channel, exchange=self._exchange)
        return self._producer

    def send(self, rows: list[OutboxEvent]) -> None:
        producer = self._ensure()
        for count, row in enumerate(rows):
            try:
                self._publish(producer, row)
            except Exception as e:
                raise PartialDelivery(count, e) from e

    @staticmethod
    def _publish(producer: Producer, row: OutboxEvent) -> None:
        producer.publish(
            json.dumps(row.body),
            routing_key=row.routing_key,
            headers=row.headers,
            content_type='application/json',
            content_encoding='utf-8',
            delivery_mode=2,
            retry=False,
            timeout=CONFIRM_TIMEOUT,
        )

    def check(self) -> None:
        producer = self._ensure()
        self._exchange(producer.channel).declare(passive=True)

    def close(self) -> None:
        connection, self._connection, self._producer = self._connection, None, None
        if connection is not None:
            try:
                connection.release()
            except Exception:  # the connection is already gone; nothing to release
                pass


class DiscardSink:
    """`bus.enabled: false`: events are marked sent without leaving the database."""

    def send(self, rows: list[OutboxEvent]) -> None:
        return None

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None
