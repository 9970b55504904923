"""Writes events into the outbox table, inside the current unit of work."""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd.database.uow import Database

from .envelope import Event, marshal
from .model import OutboxEvent


class Outbox:
    def __init__(self, database: Database, origin_uuid: Callable[[], str | None]):
        self._database = database
        self._origin_uuid = origin_uuid

    def add(self, event: Event) -> None:
        event_id, headers, body = marshal(event, self._origin_uuid())
        session = self._database.session()
        session.add(
            OutboxEvent(event_id=event_id, name=event.name, routing_key=event.routing_key, headers=headers, body=body)
        )
        session.info['wrote'] = True
