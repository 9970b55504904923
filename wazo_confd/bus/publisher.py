"""Delivers outbox events to RabbitMQ: persistent messages, each confirmed by the broker."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from urllib.parse import quote

from kombu import Connection, Exchange, Producer

from .model import OutboxEvent
from .relay import PartialDelivery

CONNECT_TIMEOUT = 2.0
CONFIRM_TIMEOUT = 5.0


def broker_url(bus: dict) -> str:
    user, password = quote(bus['username'], safe=''), quote(bus['password'], safe='')
    return f'amqp://{user}:{password}@{bus["host"]}:{bus["port"]}/{quote(bus["vhost"], safe="")}'


def exchange(bus: dict) -> Exchange:
    return Exchange(bus['exchange_name'], type=bus['exchange_type'], durable=True)


class BusSink:
    """A relay sink publishing to the durable `bus.exchange_name` exchange with publisher confirms.

    The whole batch is published, then the broker's confirmations are awaited together (one
    disk flush on the broker's side confirms many messages); the rows confirmed before a
    failure are reported through PartialDelivery so that they are not sent again.
    """

    def __init__(self, bus: dict):
        self._url = broker_url(bus)
        self._exchange = exchange(bus)
        self._connection: Connection | None = None
        self._producer: Producer | None = None
        self._next_tag = 1
        self._pending: set[int] = set()
        self._nacked: set[int] = set()

    def _ensure(self) -> Producer:
        if self._producer is None:
            connection = Connection(self._url, connect_timeout=CONNECT_TIMEOUT)
            self._connection = connection
            connection.connect()
            channel = connection.channel()
            channel.confirm_select()
            channel.events['basic_ack'].add(self._on_ack)
            channel.events['basic_nack'].add(self._on_nack)
            self._next_tag, self._pending, self._nacked = 1, set(), set()
            self._exchange(channel).declare()
            self._producer = Producer(channel, exchange=self._exchange)
        return self._producer

    def _settle(self, delivery_tag: int, multiple: bool) -> set[int]:
        settled = {t for t in self._pending if t <= delivery_tag} if multiple else {delivery_tag} & self._pending
        self._pending -= settled
        return settled

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._nacked |= self._settle(delivery_tag, multiple)

    def send(self, rows: Sequence[OutboxEvent]) -> None:
        producer = self._ensure()
        assert self._connection is not None
        first = self._next_tag
        try:
            for row in rows:
                self._pending.add(self._next_tag)
                self._next_tag += 1
                self._publish(producer, row)
            deadline = time.monotonic() + CONFIRM_TIMEOUT
            while self._pending and not self._nacked:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError('no confirmation from the broker')
                try:
                    self._connection.drain_events(timeout=remaining)
                except TimeoutError:
                    continue
            if self._nacked:
                raise ConnectionError('the broker refused a message (nack)')
        except Exception as e:
            unconfirmed = self._pending | self._nacked | set(range(self._next_tag, first + len(rows)))
            raise PartialDelivery(min(unconfirmed, default=first + len(rows)) - first, e) from e

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

    def send(self, rows: Sequence[OutboxEvent]) -> None:
        return None

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None
