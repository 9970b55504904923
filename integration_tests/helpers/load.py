"""A stream of requests from background threads, each outcome recorded with its timing."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from .client import Client


@dataclass
class Outcome:
    name: str
    status: int | None  # None: no HTTP answer (connection refused or reset, timeout)
    seconds: float
    body: str = ''


@dataclass
class WriteStream:
    """Threads creating users, one name per request, until stopped."""

    client: Client
    threads: int = 1
    pause: float = 0.0
    timeout: float = 30
    outcomes: list[Outcome] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _workers: list[threading.Thread] = field(default_factory=list)

    def start(self) -> WriteStream:
        for _ in range(self.threads):
            worker = threading.Thread(target=self._run, daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def _run(self) -> None:
        client = self.client.as_token(self.client.token)
        while not self._stop.is_set():
            self.outcomes.append(
                send(lambda name: client.post('/users', json={'firstname': name}, timeout=self.timeout))
            )
            if self.pause:
                time.sleep(self.pause)

    def stop(self) -> list[Outcome]:
        self._stop.set()
        for worker in self._workers:
            worker.join(self.timeout + 5)
        return list(self.outcomes)

    def wait_for(self, predicate: Callable[[Outcome], bool], timeout: float) -> bool:
        seen = len(self.outcomes)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(predicate(o) for o in self.outcomes[seen:]):
                return True
            time.sleep(0.05)
        return False


def send(request: Callable[[str], requests.Response]) -> Outcome:
    name = f'load-{uuid.uuid4().hex}'
    started = time.monotonic()
    try:
        response = request(name)
    except requests.RequestException:
        return Outcome(name, None, time.monotonic() - started)
    return Outcome(name, response.status_code, time.monotonic() - started, response.text)
