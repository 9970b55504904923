"""The stack's floor: what cheroot, then Flask + flask-restful, cost with nothing behind them.

Two trivial servers, each in a forked process of its own with cheroot's pool of 10 threads
(the daemon's), loaded by the benchmark's own clients (`load.run`, same `Connection`):

- `cheroot`: a bare WSGI callable answering a small JSON body;
- `flask`: a flask-restful `Resource` on `/1.1/users/<id>` answering `{"a": 1}`.

Their requests/s and server CPU ms per request bound what the daemon can do on this machine:
the real routes run on the same stack, plus auth, the database and the dump.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable

from . import environment
from .load import Connection, expect, run

BODY = b'{"a": 1}\n'


def bare_app() -> Callable:
    def app(environ: dict, start_response: Callable) -> list[bytes]:
        start_response('200 OK', [('Content-Type', 'application/json'), ('Content-Length', str(len(BODY)))])
        return [BODY]

    return app


def flask_app() -> Callable:
    from flask import Flask
    from flask_restful import Api, Resource

    class UserItem(Resource):
        def get(self, id: str) -> dict:
            return {'a': 1}

    app = Flask('floor')
    Api(app).add_resource(UserItem, '/1.1/users/<id>')
    return app


SERVERS: dict[str, Callable[[], Callable]] = {'cheroot': bare_app, 'flask': flask_app}


def _serve(make_app: Callable[[], Callable], write_fd: int) -> None:
    """In the child: build the app and the server (cheroot starts threads: only after the
    fork), tell the parent the port, serve until killed."""
    from cheroot import wsgi

    _die_with_parent()
    server = wsgi.Server(('127.0.0.1', 0), make_app(), numthreads=10, max=10, server_name='floor')
    server.prepare()
    os.write(write_fd, b'%d\n' % server.bind_addr[1])
    os.close(write_fd)
    server.serve()


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: the parent's finally still kills it
        pass


def start(name: str) -> tuple[int, int]:
    """Fork a server process; return its pid and port."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            _serve(SERVERS[name], write_fd)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        line = pipe.readline()
    if not line.strip():
        stop(pid)
        raise RuntimeError(f'the {name} floor server did not start')
    return pid, int(line)


def stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def measure_one(name: str, clients: int, per_client: int, warmup: int) -> dict:
    pid, port = start(name)
    try:
        def step(conn: Connection, i: int) -> tuple[bool, str]:
            status, data = conn.request('GET', f'/users/{i}', parse=False)
            if status == 200 and not data.startswith(b'{"a": 1}'):
                return False, f'unexpected body {data[:100]!r}'
            return expect(status, 200, data)

        run(f'floor warm-up: {name}', port, '-', clients, warmup, step)
        before = environment.cpu_seconds(pid) or 0.0
        result = run(f'floor: {name}', port, '-', clients, per_client, step)
        cpu = (environment.cpu_seconds(pid) or 0.0) - before
    finally:
        stop(pid)
    summary = result.summary()
    summary['server_cpu_ms_per_request'] = round(cpu * 1000 / max(1, result.requests), 3)
    return summary


def measure(clients: int = 4, per_client: int = 3000, warmup: int = 100) -> dict:
    """Both floors: requests/s and server CPU ms per request, and the run's figures."""
    floors: dict = {'clients': clients, 'requests_per_client': per_client, 'numthreads': 10}
    for name in SERVERS:
        floors[name] = measure_one(name, clients, per_client, warmup)
    return floors
