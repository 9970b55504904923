"""What a daemon published, as a consumer sees it: the events read from a real queue bound
to `wazo-headers` on the daemon's `origin_uuid`."""

from __future__ import annotations

import time
import weakref
from typing import Any

from .bus import BusListener, Message
from .client import Client

SETTLE_TIMEOUT = 20


class Events:
    """The events the daemon of `client` published after this object was made.

    Made before a request, read after it: `all()` first waits until the daemon reports an
    empty outbox backlog (GET /status), i.e. until the broker has confirmed every event
    committed so far, so the queue then holds all of them and nothing arrives late. The
    client needs `confd.infos.read` and `confd.status.read` (an admin's has them).
    """

    def __init__(self, client: Client):
        self.client = client
        response = client.get('/infos')
        assert response.status_code == 200, response.text
        self.origin_uuid = response.json()['uuid']
        # The events of earlier requests are out before we listen: they are not ours.
        self._settle()
        self.listener = BusListener(origin_uuid=self.origin_uuid)
        weakref.finalize(self, self.listener.close)
        self.received: list[Message] = []

    def _settle(self) -> None:
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while True:
            publisher = self.client.get('/status').json()['bus_publisher']
            if publisher.get('backlog') == 0:
                return
            assert time.monotonic() < deadline, f'the outbox did not drain: {publisher}'
            time.sleep(0.02)

    def messages(self) -> list[Message]:
        """Every message received so far, oldest first."""
        self._settle()
        self.received += self.listener.collect(10**9, timeout=SETTLE_TIMEOUT, idle=0)
        return list(self.received)

    def all(self, prefix: str = '') -> list[dict]:
        """The events whose name starts with `prefix`: name, routing key, headers, body and data."""
        return [_event(m) for m in self.messages() if m.name.startswith(prefix)]

    def among(self, *names: str) -> list[dict]:
        """The events named one of `names`, oldest first."""
        return [e for e in self.all() if e['name'] in names]

    def named(self, name: str, **data: Any) -> list[dict]:
        """The events named `name` whose data has the given values."""
        return [e for e in self.all() if e['name'] == name and all(e['data'].get(k) == v for k, v in data.items())]

    def one(self, name: str, **data: Any) -> dict:
        matching = self.named(name, **data)
        assert len(matching) == 1, [e['name'] for e in self.all()]
        return matching[0]


def _event(message: Message) -> dict:
    return {
        'name': message.name,
        'routing_key': message.routing_key,
        'headers': message.headers,
        'body': message.body,
        'data': message.data,
    }
