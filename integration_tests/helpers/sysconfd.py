"""A stand-in of wazo-sysconfd's HTTP API that records the requests it receives, a daemon
sending it its reloads, and what it received for one write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, urlsplit

import pytest

from .bus import bus_config, delete_queue, wait_for
from .daemon import Daemon, deep_merge, free_port
from .database import Rows, create_database, drop_database
from .stand_in import JsonHandler, StandInServer


class SysconfdStandIn(StandInServer):
    """`requests`: the bodies of POST /exec_request_handlers; `calls`: every request but
    GET /status, in arrival order, as (path without slash, query parameters or body)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[dict] = []
        self.calls: list[tuple[str, dict]] = []

    def start(self) -> SysconfdStandIn:
        recorded, calls = self.requests, self.calls

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path == '/status':
                    self.reply(200, {'rest_api': {'status': 'ok'}})
                    return
                calls.append((url.path.lstrip('/'), dict(parse_qsl(url.query, keep_blank_values=True))))
                self.reply(200, {})

            def do_POST(self) -> None:  # noqa: N802
                body = self.read_json()
                if self.path != '/exec_request_handlers':
                    self.reply(404, {})
                    return
                recorded.append(body)
                calls.append(('exec_request_handlers', body))
                self.reply(200, {})

        self.serve(Handler, 'sysconfd-stand-in')
        return self


@contextmanager
def daemon_with_sysconfd(
    backend: str, tmp_path_factory: pytest.TempPathFactory, sysconfd: SysconfdStandIn, name: str, config: dict
) -> Iterator[Daemon]:
    """A daemon on a database of its own (`backend`: 'postgresql' or 'sqlite'), publishing to
    RabbitMQ and sending its reloads to `sysconfd`; `config` adds to that. Its own database:
    a second daemon on a shared one would replace that one's admin key."""
    pg = backend == 'postgresql'
    uri = create_database(f'confd_{name}') if pg else f'sqlite:///{tmp_path_factory.mktemp(name) / "confd.sqlite"}'
    base = {
        **bus_config(),
        'sysconfd': {'enabled': True, 'host': '127.0.0.1', 'port': sysconfd.port},
        'outbox': {'poll_interval': 0.1},
    }
    daemon = Daemon(str(tmp_path_factory.mktemp(f'{name}-{backend}')), uri, deep_merge(base, config)).start()
    try:
        yield daemon
    finally:
        daemon.stop()
        delete_queue(daemon.config['bus']['queue_name'])
        if pg:
            drop_database(uri)


def reloads_of(
    sysconfd: SysconfdStandIn, write: Callable[[], object], settle: Callable[[], object] | None = None
) -> list[dict]:
    """The request bodies wazo-sysconfd received for one write.

    With `settle` (waits until the daemon has sent every request it queued, see `sent_out`),
    `write` must be a request to that daemon: what it asks for is queued when it returns, so
    settling before and after it gives exactly its requests, with no pause, even when there
    are none. Without it (a write that acts later, such as a bus event), wait for a request
    and pause: none is then [] after 5 s."""
    if settle is not None:
        settle()
        before = len(sysconfd.requests)
        write()
        settle()
        return sysconfd.requests[before:]
    time.sleep(0.3)
    before = len(sysconfd.requests)
    write()
    wait_for(lambda: len(sysconfd.requests) > before, timeout=5)
    time.sleep(0.3)  # a second request for the same write would come now
    return sysconfd.requests[before:]


def sent_out(rows: Rows) -> Callable[[], None]:
    """A wait until the daemon of `rows` has no reload request left to send."""

    def settle() -> None:
        assert wait_for(lambda: rows.count('sysconfd_request', 'sent_at IS NULL') == 0), 'reloads left unsent'

    return settle
