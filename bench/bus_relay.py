"""Benchmark of the bus relay against the local PostgreSQL and RabbitMQ.

1. Throughput: a daemon whose broker is unreachable accumulates N events in its outbox;
   it is then restarted with the real broker and we time the drain, from the moment the
   daemon answers to the last event received by our own queue.
2. Latency: W sequential user creations on a healthy daemon; for each event, the time
   from the HTTP response (the commit happened before it) to its arrival in our queue,
   and from the request's start (an upper bound of commit-to-delivery).

Run: make bench-bus   (or: .venv/bin/python -m bench.bus_relay --events 5000 --writes 500)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from kombu import Connection, Consumer, Queue, binding
from kombu.message import Message

sys.path.insert(0, '.')
from integration_tests.helpers.bus import BROKER_URL, EXCHANGE, delete_queue  # noqa: E402
from integration_tests.helpers.daemon import Daemon, free_port  # noqa: E402
from integration_tests.helpers.database import create_database, drop_database  # noqa: E402


class Arrivals:
    """Our own queue, consumed in a thread, noting when each user_created arrives."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._stop = threading.Event()
        self._connection = Connection(BROKER_URL)
        self._queue = Queue(
            f'confd-bench-{uuid.uuid4().hex[:8]}',
            bindings=[binding(EXCHANGE, arguments={'x-match': 'all', 'name': 'user_created'})],
            exclusive=True,
        )
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _run(self) -> None:
        with Consumer(self._connection, queues=[self._queue], callbacks=[self._on_message], accept=['json']):
            self._ready.set()
            while not self._stop.is_set():
                try:
                    self._connection.drain_events(timeout=0.2)
                except TimeoutError:
                    continue

    def _on_message(self, body: dict, message: Message) -> None:
        self.times[body['data']['uuid']] = time.perf_counter()
        message.ack()

    def wait(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while len(self.times) < count and time.monotonic() < deadline:
            time.sleep(0.001)
        return len(self.times) >= count

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._connection.release()


def throughput(uri: str, workdir: str, events: int) -> dict:
    config: dict[str, dict] = {
        'bus': {'enabled': True, 'port': free_port(), 'queue_name': f'confd-bench-{uuid.uuid4().hex[:8]}'}
    }
    daemon = Daemon(workdir, uri, config).start()
    client = daemon.client()
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: client.post('/users', json={'firstname': f'b{i}'}).status_code, range(events)))
    daemon.stop()
    assert codes.count(201) == events, f'{events - codes.count(201)} writes failed: {set(codes)}'
    arrivals = Arrivals()
    daemon.config['bus']['port'] = 5672
    try:
        daemon.start()
        start = time.perf_counter()
        assert arrivals.wait(events, 300), f'only {len(arrivals.times)} of {events} events arrived'
        elapsed = max(arrivals.times.values()) - start
    finally:
        arrivals.close()
        daemon.stop()
        delete_queue(config['bus']['queue_name'])
    return {'events': events, 'seconds': round(elapsed, 3), 'events_per_second': round(events / elapsed)}


def latency(uri: str, workdir: str, writes: int) -> dict:
    config: dict[str, dict] = {'bus': {'enabled': True, 'queue_name': f'confd-bench-{uuid.uuid4().hex[:8]}'}}
    daemon = Daemon(workdir, uri, config).start()
    arrivals = Arrivals()
    client = daemon.client()
    sent: dict[str, tuple[float, float]] = {}
    try:
        for i in range(writes):
            started = time.perf_counter()
            response = client.post('/users', json={'firstname': f'l{i}'})
            sent[response.json()['uuid']] = (started, time.perf_counter())
            time.sleep(0.005)
        assert arrivals.wait(writes, 60)
    finally:
        arrivals.close()
        daemon.stop()
        delete_queue(config['bus']['queue_name'])
    after_response = [(arrivals.times[u] - answered) * 1000 for u, (_, answered) in sent.items()]
    after_start = [(arrivals.times[u] - started) * 1000 for u, (started, _) in sent.items()]
    return {
        'writes': writes,
        'response_to_delivery_ms': _percentiles(after_response),
        'request_start_to_delivery_ms': _percentiles(after_start),
    }


def _percentiles(values: list[float]) -> dict:
    cuts = statistics.quantiles(values, n=100)
    return {'p50': round(cuts[49], 2), 'p99': round(cuts[98], 2), 'max': round(max(values), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--events', type=int, default=5000)
    parser.add_argument('--writes', type=int, default=500)
    args = parser.parse_args()
    uri = create_database('confd_bench')
    try:
        with tempfile.TemporaryDirectory() as workdir:
            result = {
                'throughput': throughput(uri, f'{workdir}/drain', args.events),
                'latency': latency(uri, f'{workdir}/latency', args.writes),
            }
    finally:
        drop_database(uri)
    print(json.dumps(result, indent=2))


if __name__ == '__main__':
    main()
