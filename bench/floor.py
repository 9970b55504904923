"""The stack's floor: what cheroot, then Flask + flask-restful, cost with nothing behind them,
and what the least write the daemon's design allows costs on the same stack.

Trivial servers, each in a forked process of its own with cheroot's pool of 10 threads
(the daemon's), loaded by the benchmark's own clients (`load.run`, same `Connection`):

- `cheroot`: a bare WSGI callable answering a small JSON body;
- `flask`: a flask-restful `Resource` on `/1.1/users/<id>` answering `{"a": 1}`;
- `write` (one client, as (a)): a flask-restful `POST /1.1/users` that reads its JSON body
  and, in one transaction through SQLAlchemy Core on psycopg2, inserts the row and its event
  row (the transactional outbox's least), commits and answers 201 with the new id and uuid:
  no auth, no validation, no lookup, no dump.

Their requests/s and server CPU ms per request bound what the daemon can do on this machine:
the real routes run on the same stack, plus auth, the database and the dump. The write
floor's rate, as a share of pgbench's, bounds (a) the same way.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
import traceback
import uuid
from collections.abc import Callable

from integration_tests.helpers.database import create_database, drop_database

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


WRITE_TABLES = (
    'CREATE TABLE floor_user (id serial PRIMARY KEY, uuid varchar(36) NOT NULL UNIQUE, '
    'tenant_uuid varchar(36) NOT NULL, firstname varchar(128), lastname varchar(128), email varchar(254) UNIQUE)',
    'CREATE TABLE floor_event (id bigserial PRIMARY KEY, name varchar(128) NOT NULL, '
    'headers text NOT NULL, body text NOT NULL)',
)


def write_app(db_uri: str) -> Callable:
    import sqlalchemy as sa
    from flask import Flask, request
    from flask_restful import Api, Resource

    engine = sa.create_engine(db_uri, pool_size=10, max_overflow=0)
    metadata = sa.MetaData()
    users = sa.Table('floor_user', metadata, autoload_with=engine)
    events = sa.Table('floor_event', metadata, autoload_with=engine)
    insert_user = users.insert().returning(users.c.id)
    insert_event = events.insert()

    class UserList(Resource):
        def post(self) -> tuple[dict, int]:
            body = request.get_json()
            user = {
                'uuid': str(uuid.uuid4()),
                'tenant_uuid': 'floor',
                'firstname': body.get('firstname'),
                'lastname': body.get('lastname'),
                'email': body.get('email'),
            }
            with engine.begin() as connection:
                user_id = connection.execute(insert_user, user).scalar_one()
                event = dict(user, id=user_id)
                connection.execute(
                    insert_event,
                    {
                        'name': 'user_created',
                        'headers': json.dumps({'name': 'user_created'}),
                        'body': json.dumps(event),
                    },
                )
            return {'id': user_id, 'uuid': user['uuid']}, 201

    app = Flask('floor')
    Api(app).add_resource(UserList, '/1.1/users')
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


def start(name: str, make_app: Callable[[], Callable] | None = None) -> tuple[int, int]:
    """Fork a server process (`make_app`, else the server called `name`); return its pid and port."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            _serve(make_app or SERVERS[name], write_fd)
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


def measure_write(requests: int, warmup: int = 200) -> dict:
    """The write floor, from one client, on a throw-away database of the same server."""
    uri = create_database('confd_bench_floor')
    try:
        from sqlalchemy import create_engine, text

        setup = create_engine(uri)
        with setup.begin() as connection:
            for statement in WRITE_TABLES:
                connection.execute(text(statement))
        setup.dispose()
        pid, port = start('write', functools.partial(write_app, uri))
        try:

            def step(conn: Connection, i: int) -> tuple[bool, str]:
                body = {'firstname': 'Floor', 'lastname': f'User {i}', 'email': f'floor{i}@example.com'}
                status, data = conn.request('POST', '/users', body, parse=False)
                return expect(status, 201, data)

            run('floor warm-up: write', port, '-', 1, warmup, lambda conn, i: step(conn, requests + i))
            before = environment.cpu_seconds(pid) or 0.0
            result = run('floor: write', port, '-', 1, requests, step)
            cpu = (environment.cpu_seconds(pid) or 0.0) - before
        finally:
            stop(pid)
    finally:
        drop_database(uri)
    summary = result.summary()
    summary['server_cpu_ms_per_request'] = round(cpu * 1000 / max(1, result.requests), 3)
    return summary


def measure(clients: int = 4, per_client: int = 3000, warmup: int = 100, write_requests: int = 3000) -> dict:
    """Every floor: requests/s and server CPU ms per request, and the run's figures."""
    floors: dict = {'clients': clients, 'requests_per_client': per_client, 'numthreads': 10}
    for name in SERVERS:
        floors[name] = measure_one(name, clients, per_client, warmup)
    if write_requests > 0:
        floors['write'] = measure_write(write_requests)
    return floors
