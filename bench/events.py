"""Event delivery latency: a consumer of our daemon's user_created events on RabbitMQ.

The queue is exclusive and bound on the daemon's own origin_uuid, so other daemons on the
same broker are not heard.
"""

from __future__ import annotations

import threading
import time
import uuid

from kombu import Connection, Exchange, Queue

BROKER_URL = 'amqp://guest:guest@localhost:5672//'


class EventListener:
    def __init__(self, origin_uuid: str, name: str = 'user_created', exchange: str = 'wazo-headers') -> None:
        self.arrivals: dict[str, float] = {}
        self.error: str | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._exchange = Exchange(exchange, type='headers', durable=True)
        self._queue = Queue(
            f'confd-bench-{uuid.uuid4().hex[:8]}',
            exchange=self._exchange,
            binding_arguments={'x-match': 'all', 'name': name, 'origin_uuid': origin_uuid},
            exclusive=True,
            auto_delete=True,
        )
        self._thread = threading.Thread(target=self._run, name='events', daemon=True)

    def start(self) -> bool:
        self._thread.start()
        self._ready.wait(10)
        return self.error is None and self._ready.is_set()

    def _on_message(self, body: dict, message: object) -> None:
        data = body.get('data') if isinstance(body, dict) else None
        if isinstance(data, dict) and 'uuid' in data:
            self.arrivals.setdefault(data['uuid'], time.perf_counter())
        message.ack()  # type: ignore[attr-defined]

    def _run(self) -> None:
        try:
            with Connection(BROKER_URL, connect_timeout=5) as connection:
                with connection.Consumer(self._queue, callbacks=[self._on_message], accept=['json']):
                    self._ready.set()
                    while not self._stop.is_set():
                        try:
                            connection.drain_events(timeout=0.2)
                        except TimeoutError:
                            pass
        except Exception as e:  # the broker is optional: report, do not fail the run
            self.error = f'{type(e).__name__}: {e}'
            self._ready.set()

    def wait_for(self, keys: list[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not all(k in self.arrivals for k in keys):
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
