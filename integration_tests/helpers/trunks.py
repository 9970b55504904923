"""What the trunk tests read from RabbitMQ and the wazo-sysconfd stand-in (the events of
one daemon, the reloads of one write), and builders of trunks, IAX endpoints and registrations."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .bus import BusListener, Message, wait_for
from .daemon import Daemon
from .lines import created, unique
from .sysconfd import SysconfdStandIn


class Bus:
    """The events of one daemon (other daemons publish on the same broker)."""

    def __init__(self, daemon: Daemon, names: list[str]) -> None:
        self.origin = daemon.config['uuid']
        # The events of earlier tests' writes are out before we listen: they are not ours.
        client = daemon.client()
        wait_for(lambda: client.get('/status').json()['bus_publisher'].get('backlog') == 0, timeout=10)
        self.listener = BusListener(names)

    def next(self, count: int = 1, timeout: float = 10) -> list[Message]:
        found: list[Message] = []
        deadline = time.monotonic() + timeout
        while len(found) < count and time.monotonic() < deadline:
            batch = self.listener.collect(count - len(found), timeout=max(deadline - time.monotonic(), 0.1))
            found += [m for m in batch if m.headers.get('origin_uuid') == self.origin]
        return found

    def nothing_more(self) -> bool:
        return not [m for m in self.listener.collect(1, timeout=1) if m.headers.get('origin_uuid') == self.origin]

    def close(self) -> None:
        self.listener.close()


def reloads_of(sysconfd: SysconfdStandIn, write: Callable[[], Any]) -> list[dict]:
    """The requests wazo-sysconfd received for one write."""
    time.sleep(0.3)  # what earlier writes asked for has arrived
    before = len(sysconfd.requests)
    write()
    wait_for(lambda: len(sysconfd.requests) > before, timeout=5)
    time.sleep(0.3)
    return sysconfd.requests[before:]


def trunk(client: Any, **fields: Any) -> dict:
    return created(client.post('/trunks', json=fields))


def iax(client: Any, **fields: Any) -> dict:
    return created(client.post('/endpoints/iax', json=fields))


def register(client: Any, **fields: Any) -> dict:
    return created(client.post('/registers/iax', json={'remote_host': unique('iax'), **fields}))
