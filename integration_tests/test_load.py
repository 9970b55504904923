"""Overload, memory over many requests, and SIGTERM under load."""

from __future__ import annotations

import http.client
import signal
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from .helpers.daemon import Daemon
from .helpers.database import Rows, temporary_database
from .helpers.load import Outcome, WriteStream, send

THREADS = 4
POOL = 2
WORKERS = 2  # HTTP processes, each with its own threads and pool
CLIENTS = 24


def rss_kib(pid: int) -> int:
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    raise RuntimeError('no VmRSS')


@pytest.fixture(scope='module')
def small_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    """Few threads and a small pool: the clients outnumber both. Its database is its own,
    so that every `wazo-confd` connection to it is this daemon's."""
    with temporary_database('confd_load') as uri:
        daemon = Daemon(
            str(tmp_path_factory.mktemp('daemon-small')),
            uri,
            {
                'rest_api': {'min_threads': THREADS, 'max_threads': THREADS, 'workers': WORKERS},
                'database': {'pool_size': POOL, 'max_overflow': 0, 'pool_timeout': 2},
            },
        ).start()
        yield daemon
        daemon.stop()


def test_more_clients_than_threads_queue_or_get_503_and_the_pool_keeps_its_bound(small_daemon: Daemon) -> None:
    rows = Rows(small_daemon.db_uri)
    stop = threading.Event()
    seen: list[int] = []
    outcomes: list[Outcome] = []

    def client_loop() -> None:
        client = small_daemon.client()
        for i in range(15):
            if i % 3:
                outcomes.append(send(lambda _: client.get('/users', params={'limit': 5}, timeout=30)))
            else:
                outcomes.append(send(lambda name: client.post('/users', json={'firstname': name}, timeout=30)))

    sampler = threading.Thread(target=_sample, args=(rows, stop, seen), daemon=True)
    sampler.start()
    clients = [threading.Thread(target=client_loop) for _ in range(CLIENTS)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(120)
    stop.set()
    sampler.join(5)
    rows.dispose()

    assert small_daemon.process is not None and small_daemon.process.poll() is None
    assert len(outcomes) == CLIENTS * 15
    assert {o.status for o in outcomes} <= {200, 201, 503}, {o.status for o in outcomes}
    assert seen and max(seen) <= POOL * WORKERS
    assert small_daemon.client().get('/users', params={'limit': 1}).status_code == 200


def _sample(rows: Rows, stop: threading.Event, seen: list[int]) -> None:
    while not stop.is_set():
        seen.append(rows.count('pg_stat_activity', "application_name = 'wazo-confd' AND datname = current_database()"))
        time.sleep(0.02)


MEMORY_REQUESTS = 10_000
MEMORY_BOUND_KIB = 40 * 1024


@pytest.mark.slow  # about 45 s
def test_memory_stays_flat_over_ten_thousand_requests(small_daemon: Daemon) -> None:
    assert small_daemon.process is not None
    pid = small_daemon.process.pid
    created = small_daemon.client().post('/users', json={'firstname': 'memory'}).json()
    paths = ['/users?limit=10', f'/users/{created["id"]}', '/users?search=mem', '/users/999999', '/status']

    statuses: dict[int, int] = {}

    def run(count: int) -> None:
        def loop(offset: int) -> None:
            # http.client rather than requests: the client must not be the bottleneck.
            connection = http.client.HTTPConnection('127.0.0.1', small_daemon.port, timeout=30)
            headers = {'X-Auth-Token': small_daemon.admin_key()}
            for i in range(offset, count, THREADS):
                connection.request('GET', f'/1.1{paths[i % len(paths)]}', headers=headers)
                response = connection.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
            connection.close()

        workers = [threading.Thread(target=loop, args=(n,)) for n in range(THREADS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    run(500)  # warm-up: caches, pools, lazily imported code
    baseline = rss_kib(pid)
    started = time.monotonic()
    run(MEMORY_REQUESTS)
    growth = rss_kib(pid) - baseline
    print(
        f'RSS {baseline} KiB after warm-up, +{growth} KiB after {MEMORY_REQUESTS} requests '
        f'in {time.monotonic() - started:.1f}s'
    )

    assert set(statuses) == {200, 404}
    assert growth < MEMORY_BOUND_KIB


def test_sigterm_under_load_finishes_in_flight_requests_and_exits_0(workdir: str, fresh_pg: str) -> None:
    # A database of its own: a new daemon on the session's would replace its bootstrap key.
    pg_uri = fresh_pg
    daemon = Daemon(workdir, pg_uri, {'rest_api': {'shutdown_timeout': 10}}).start()
    client = daemon.client()
    stream = WriteStream(client, threads=6, timeout=20).start()
    slow: list[Outcome] = []

    def slow_request() -> None:
        # A 20 MB body takes a while to send and parse: it is in flight when the signal lands.
        # The padding is an unknown key, ignored: the request is valid.
        big = '{"firstname": "%s", "padding": "' + 'x' * 20_000_000 + '"}'
        slow.append(send(lambda name: client.post('/users', data=big % name, timeout=30)))

    assert stream.wait_for(lambda o: o.status == 201, 10)
    slow_thread = threading.Thread(target=slow_request)
    slow_thread.start()
    time.sleep(0.3)
    assert daemon.process is not None
    signalled = time.monotonic()
    daemon.process.send_signal(signal.SIGTERM)
    code = daemon.process.wait(20)
    exit_seconds = time.monotonic() - signalled
    slow_thread.join(30)
    outcomes = stream.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f'{daemon.base_url}/api/api.yml', timeout=5)
    daemon.stop()

    assert code == 0 and exit_seconds < 15
    assert slow and slow[0].status == 201
    # Answered requests were answered in full; the rest were refused at the door.
    assert {o.status for o in outcomes} <= {201, None}
    rows = Rows(pg_uri)
    names = {o.name for o in [*outcomes, *slow] if o.status == 201}
    stored = {r['firstname'] for r in rows.all('SELECT firstname FROM confd_user WHERE firstname LIKE :p', p='load-%')}
    rows.dispose()
    assert names <= stored
