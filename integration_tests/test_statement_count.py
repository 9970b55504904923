"""No N+1 queries: the SQL statements of a list request do not depend on the rows it returns.

Every list route of the OpenAPI document is covered, so a new resource is checked as soon as
its routes exist; the count comes from the daemon (`database.count_statements`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import yaml

from .helpers.daemon import Daemon
from .helpers.database import create_database, drop_database
from .helpers.openapi_bodies import example_body, list_routes

HEADER = 'X-Confd-Statement-Count'
ROWS = 3
# Bodies for list routes whose required fields the schema alone cannot fill.
SEED_BODIES: dict[str, list[dict]] = {}


@pytest.fixture(scope='module')
def counting_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    uri = create_database('confd_statements')
    # A long auth cache: the key lookup then happens once, not in some of the compared requests.
    config = {'database': {'count_statements': True}, 'auth': {'cache_ttl': 3600}}
    daemon = Daemon(str(tmp_path_factory.mktemp('daemon-statements')), uri, config).start()
    yield daemon
    daemon.stop()
    drop_database(uri)


def _yaml(daemon: Daemon) -> dict:
    return yaml.safe_load(requests.get(f'{daemon.base_url}/api/api.yml', timeout=10).text)


def _seed(daemon: Daemon, spec: dict, path: str) -> None:
    client = daemon.client()
    bodies = SEED_BODIES.get(path) or [example_body(spec, path, serial) for serial in range(ROWS)]
    if any(body is None for body in bodies) or '{' in path:
        pytest.fail(f'cannot create rows for {path}: add bodies to SEED_BODIES in {__name__}')
    for body in bodies:
        response = client.post(path, json=body)
        assert response.status_code == 201, f'seeding {path} with {body}: {response.text}'


def _count(daemon: Daemon, path: str, limit: int) -> tuple[int, int]:
    response = daemon.client().get(f'{path}?limit={limit}')
    assert response.status_code == 200, response.text
    return int(response.headers[HEADER]), len(response.json()['items'])


def test_the_count_header_reports_statements(counting_daemon: Daemon) -> None:
    counting_daemon.client().get('/users?search=nobody')
    response = counting_daemon.client().get('/users?search=nobody')

    # The auth lookup is cached by then; a list with no match only counts its rows.
    assert response.headers[HEADER] == '1'


def test_the_count_header_is_absent_by_default(daemon: Daemon) -> None:
    response = daemon.client().get('/users')

    assert HEADER not in response.headers


def test_every_list_route_is_covered(counting_daemon: Daemon) -> None:
    assert '/users' in list_routes(_yaml(counting_daemon))


def test_list_statements_do_not_grow_with_the_rows(counting_daemon: Daemon) -> None:
    spec = _yaml(counting_daemon)
    failures = []
    for path in list_routes(spec):
        _seed(counting_daemon, spec, path)
        _count(counting_daemon, path, 1)  # warm the auth cache for this route's ACL
        one, one_rows = _count(counting_daemon, path, 1)
        many, many_rows = _count(counting_daemon, path, ROWS)
        assert (one_rows, many_rows) == (1, ROWS), path
        if one != many:
            failures.append(f'{path}: {one} statements for 1 row, {many} for {ROWS}')

    assert failures == []
