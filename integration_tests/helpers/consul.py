"""A stand-in for the consul agent HTTP API: the few routes a service registration uses.

It records every request and keeps the registered services and their TTL checks, as the
agent does (a single check of service ID gets the check ID `service:ID`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from .stand_in import JsonHandler, StandInServer


def _lower_keys(value: Any) -> Any:
    # The agent reads its JSON keys case-insensitively; compare in lower case.
    if isinstance(value, dict):
        return {k.lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


class ConsulStandIn(StandInServer):
    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[tuple[str, str, dict[str, str], Any]] = []
        self.services: dict[str, dict] = {}
        self.passes: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def start(self) -> ConsulStandIn:
        stand_in = self

        class Handler(JsonHandler):
            def do_PUT(self) -> None:
                status, answer = stand_in.handle(self.command, self.path, dict(self.headers), self.read_json())
                self.reply(status, answer)

        self.serve(Handler, 'consul-stand-in')
        return self

    def handle(self, method: str, path: str, headers: dict[str, str], body: Any) -> tuple[int, Any]:
        route = path.split('?', 1)[0]
        with self._lock:
            self.requests.append((method, route, headers, body))
            if route == '/v1/agent/service/register':
                service = _lower_keys(body)
                self.services[service['id']] = service
                return 200, None
            if route.startswith('/v1/agent/service/deregister/'):
                self.services.pop(route.rsplit('/', 1)[1], None)
                return 200, None
            if route.startswith('/v1/agent/check/pass/'):
                check_id = route.rsplit('/', 1)[1]
                if check_id.removeprefix('service:') not in self.services:
                    return 404, f'CheckID "{check_id}" does not have associated TTL'
                self.passes.setdefault(check_id, []).append(time.monotonic())
                return 200, None
        return 404, None

    def routes(self) -> list[str]:
        with self._lock:
            return [f'{method} {route}' for method, route, _, _ in self.requests]


def wait_for(condition: Callable[[], Any], timeout: float = 15, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f'condition not met within {timeout}s')
