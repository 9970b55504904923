"""Writes events into the outbox table, inside the current unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from wazo_confd.database.uow import Database

from . import ordering
from .envelope import Event, marshal
from .model import OutboxEvent

logger = logging.getLogger(__name__)


class ReloadRecorder(Protocol):
    def record(self, commands: dict[str, list[str]]) -> None: ...

    def call(self, path: str, params: dict[str, str]) -> None: ...


class Outbox:
    """The change's side effects: bus events, and Asterisk reload requests when a recorder is set."""

    def __init__(self, database: Database, origin_uuid: Callable[[], str | None]):
        self._database = database
        self._origin_uuid = origin_uuid
        self.reloads: ReloadRecorder | None = None
        ordering.install()

    def add(self, event: Event) -> None:
        event_id, headers, body = marshal(event, self._origin_uuid())
        row = OutboxEvent(event_id=event_id, name=event.name, routing_key=event.routing_key, headers=headers, body=body)
        ordering.add_in_commit_order(self._database.session(), row)

    def add_committed(self, event: Event) -> None:
        """Write one event in a unit of work of its own (outside any request); a failure is logged."""
        try:
            with self._database.unit_of_work():
                self.add(event)
        except Exception:
            logger.exception('could not write event %s to the outbox', event.name)

    def request_reload(self, commands: dict[str, list[str]]) -> None:
        """Record Asterisk reload commands for wazo-sysconfd in the current transaction."""
        if self.reloads is not None and any(commands.values()):
            self.reloads.record(commands)

    def request_sysconfd_call(self, path: str, params: dict[str, str]) -> None:
        """Record a `GET /<path>` for wazo-sysconfd (mailbox moves and deletions) in the
        current transaction, sent after the commit before its reloads."""
        if self.reloads is not None:
            self.reloads.call(path, params)
