"""`python -m bench.pages`: only workload (c), the CPU and latency of pages of 100 users.

Prepares a database once (`--prepare`: full users with lines, extensions and voicemails,
then bulk users up to `--users`), then runs the daemon of any tree on it, so that two
versions of the code answer the same rows: `--save DIR` writes the raw bodies of a fixed
set of pages, to compare byte for byte; the load (4 clients by default) reports the
daemon's CPU ms per page and the latency percentiles.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import urllib.parse

from integration_tests.helpers import daemon as daemon_module
from integration_tests.helpers.daemon import Daemon

from . import environment
from .data import bulk_users
from .load import Connection
from .workloads import State, list_users, provision_users, provisioning_context

SAVED_PAGES = [
    '/users?order=id&limit=100',
    '/users?order=lastname&limit=100&offset=50',
    '/users?search=martin&limit=100',
    '/users?search=fran%C3%A7ois&limit=100',
    '/users?order=id&limit=100&view=directory',
    '/users?order=id&limit=100&view=summary',
    '/users?order=id&limit=100&view=line_presence',
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.pages', description=__doc__)
    parser.add_argument('--db', default='confd_pages', help='database name, kept between runs')
    parser.add_argument('--prepare', action='store_true', help='(re)create the database and its users')
    parser.add_argument('--users', type=int, default=100_000)
    parser.add_argument('--full-users', type=int, default=60, help='users with a line, extension and voicemail')
    parser.add_argument('--workers', default='auto', help='rest_api.workers of the daemon')
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--pages', type=int, default=250, help='pages per client and kind')
    parser.add_argument('--save', default=None, help='write the bodies of a fixed set of pages here')
    parser.add_argument('--seed', type=int, default=8)
    parser.add_argument('--port', type=int, default=18765)
    parser.add_argument('--tree', default=None, help='run the daemon of this source tree (default: this one)')
    return parser.parse_args(argv)


def db_uri(name: str) -> str:
    return f'postgresql://postgres@127.0.0.1:5432/{name}'


def recreate(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(db_uri('postgres'))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.prepare:
        recreate(args.db)
    workdir = tempfile.mkdtemp(prefix='confd-pages-')
    workers = args.workers if args.workers == 'auto' else int(args.workers)
    config = {'log_level': 'info', 'rest_api': {'workers': workers}, 'auth': {'cache_ttl': 10}}
    daemon = Daemon(workdir, db_uri(args.db), config)
    # A fixed port: the links of the saved bodies name it.
    daemon.port = args.port
    daemon.config['rest_api']['port'] = args.port
    key = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results', f'{args.db}.key')
    if os.path.exists(key) and not args.prepare:
        # The admin key the database was prepared with: the local backend keeps it.
        os.makedirs(workdir, exist_ok=True)
        with open(key) as src, open(daemon.key_file, 'w') as dst:
            dst.write(src.read())
    if args.tree:
        # `python -m wazo_confd.main` imports the package from its working directory first.
        daemon_module.ROOT = os.path.abspath(args.tree)
    daemon.start()
    try:
        token = daemon.admin_key()
        os.makedirs(os.path.dirname(key), exist_ok=True)
        with open(key, 'w') as f:
            f.write(token)
        state = State(port=daemon.port, token=token, seed=args.seed)
        conn = Connection(daemon.port, token)
        if args.prepare:
            provision_users(state, args.full_users, provisioning_context(state))
            state.tenant_uuid = conn.request('GET', '/users?limit=1')[1]['items'][0]['tenant_uuid']
            bulk_users(daemon.db_uri, state.tenant_uuid, args.users, args.seed)
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            for path in SAVED_PAGES:
                raw = _raw(daemon.port, token, path)
                name = urllib.parse.quote(path, safe='')
                with open(os.path.join(args.save, name), 'wb') as f:
                    f.write(raw)
        pid = daemon.process.pid  # type: ignore[union-attr]
        state.user_uuids = [''] * args.full_users
        for kind in ('search', 'page'):
            before = environment.cpu_seconds(pid) or 0.0
            result = list_users(state, args.users, kind, args.clients, args.pages)
            cpu = (environment.cpu_seconds(pid) or 0.0) - before
            summary = result.summary()
            print(
                f'{summary["name"]}: {summary.get("throughput")} req/s, p50 {summary.get("p50_ms")} ms, '
                f'p99 {summary.get("p99_ms")} ms, errors {summary.get("errors")}, '
                f'daemon CPU {cpu * 1000 / max(1, result.requests):.2f} ms/page, load {environment.load_average()} {result.first_errors}',
                flush=True,
            )
    finally:
        daemon.stop()
    return 0


def _raw(port: int, token: str, path: str) -> bytes:
    import http.client

    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    conn.request('GET', '/1.1' + path, headers={'X-Auth-Token': token, 'Accept': 'application/json'})
    response = conn.getresponse()
    raw = response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f'{path}: {response.status} {raw[:200]!r}')
    return raw


if __name__ == '__main__':
    sys.exit(main())
