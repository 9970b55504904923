"""Several HTTP processes (`rest_api.workers`): one daemon to its clients and to the bus."""

from __future__ import annotations

import os
import re
import signal
import socket
import uuid
from pathlib import Path

import requests

from .helpers.bus import BusListener, delete_queue, wait_for
from .helpers.daemon import Daemon


def children(pid: int) -> list[int]:
    with open(f'/proc/{pid}/task/{pid}/children') as f:
        return [int(child) for child in f.read().split()]


def served_by(daemon: Daemon, method: str, path: str) -> set[int]:
    """Pids of the processes whose access log lines show `method path`."""
    pattern = re.compile(rf'\[(\d+)\] \(INFO\) \(wazo_confd\.http\.access\): {method} /1\.1{re.escape(path)} ')
    return {int(pid) for pid in pattern.findall(daemon.log())}


def start(tmp_path: Path, fresh_pg: str, workers: int = 3, **config: object) -> Daemon:
    return Daemon(str(tmp_path), fresh_pg, {'rest_api': {'workers': workers}, **config}).start()


def test_workers_minus_one_processes_are_forked(tmp_path: Path, fresh_pg: str) -> None:
    daemon = start(tmp_path, fresh_pg, workers=3)
    try:
        assert wait_for(lambda: len(children(daemon.process.pid)) == 2)  # type: ignore[union-attr]
    finally:
        daemon.stop()


def test_new_connections_are_served_by_the_workers_too(tmp_path: Path, fresh_pg: str) -> None:
    daemon = start(tmp_path, fresh_pg, workers=3)
    try:
        main = daemon.process.pid  # type: ignore[union-attr]
        for _ in range(60):  # each a new connection: the kernel hands it to a process that waits
            assert daemon.client().get('/infos').status_code == 200
            if served_by(daemon, 'GET', '/infos') - {main}:
                break

        assert served_by(daemon, 'GET', '/infos') - {main}
    finally:
        daemon.stop()


def test_a_change_made_in_a_worker_is_published_without_waiting_for_the_poll(tmp_path: Path, fresh_pg: str) -> None:
    queue = f'confd-test-{uuid.uuid4().hex[:10]}'
    # A poll of one hour: only the worker's word after its commit can wake the relay.
    origin = str(uuid.uuid4())
    bus = {'enabled': True, 'queue_name': queue}
    daemon = start(tmp_path, fresh_pg, uuid=origin, bus=bus, outbox={'poll_interval': 3600})
    listener = BusListener(['user_created'], origin_uuid=origin)
    try:
        main = daemon.process.pid  # type: ignore[union-attr]
        wait_for(lambda: daemon.client().get('/status').json()['bus_publisher']['backlog'] == 0)
        for i in range(60):
            created = daemon.client().post('/users', json={'firstname': f'worker{i}'})
            assert created.status_code == 201
            if served_by(daemon, 'POST', '/users') - {main}:
                break
        assert served_by(daemon, 'POST', '/users') - {main}

        received = [m.body['data']['uuid'] for m in listener.collect(i + 1, timeout=20)]

        assert created.json()['uuid'] in received
    finally:
        listener.close()
        daemon.stop()
        delete_queue(queue)


def test_status_answered_by_a_worker_tells_the_main_process_tasks(tmp_path: Path, fresh_pg: str) -> None:
    queue = f'confd-test-{uuid.uuid4().hex[:10]}'
    daemon = start(tmp_path, fresh_pg, bus={'enabled': True, 'queue_name': queue})
    try:
        main = daemon.process.pid  # type: ignore[union-attr]
        assert wait_for(lambda: daemon.client().get('/status').json()['bus_consumer']['status'] == 'ok')
        answers = []
        for _ in range(60):
            answers.append(daemon.client().get('/status').json())
            if served_by(daemon, 'GET', '/status') - {main}:
                break
        assert served_by(daemon, 'GET', '/status') - {main}

        # The consumer runs in the main process only: a worker reporting it ok asked there.
        assert {answer['bus_consumer']['status'] for answer in answers} == {'ok'}
        assert {answer['bus_publisher']['status'] for answer in answers} == {'ok'}
    finally:
        daemon.stop()
        delete_queue(queue)


def test_sigterm_stops_every_process_with_status_0(tmp_path: Path, fresh_pg: str) -> None:
    daemon = start(tmp_path, fresh_pg, workers=3)
    workers = children(daemon.process.pid)  # type: ignore[union-attr]

    assert daemon.stop() == 0

    assert not [pid for pid in workers if os.path.exists(f'/proc/{pid}')]


def test_a_worker_that_dies_stops_the_daemon_with_status_1(tmp_path: Path, fresh_pg: str) -> None:
    daemon = start(tmp_path, fresh_pg, workers=2)
    process = daemon.process
    assert process is not None
    assert wait_for(lambda: len(children(process.pid)) == 1)

    os.kill(children(process.pid)[0], signal.SIGKILL)

    assert process.wait(30) == 1
    assert 'died (signal SIGKILL): stopping the daemon' in daemon.log()
    daemon.stop()


def test_workers_die_with_the_main_process(tmp_path: Path, fresh_pg: str) -> None:
    daemon = start(tmp_path, fresh_pg, workers=3)
    workers = children(daemon.process.pid)  # type: ignore[union-attr]

    daemon.kill()

    assert wait_for(lambda: not [pid for pid in workers if os.path.exists(f'/proc/{pid}')])
    with socket.socket() as sock:  # nothing holds the port any more
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(('127.0.0.1', daemon.port))


def test_sqlite_runs_one_process_whatever_the_setting(tmp_path: Path) -> None:
    daemon = Daemon(str(tmp_path), f'sqlite:///{tmp_path}/confd.sqlite', {'rest_api': {'workers': 4}}).start()
    try:
        assert requests.get(f'{daemon.base_url}/api/api.yml', timeout=5).status_code == 200
        assert children(daemon.process.pid) == []  # type: ignore[union-attr]
    finally:
        daemon.stop()
