"""No N+1 queries: the SQL statements of a list request do not depend on the rows it returns.

Every top-level list route of the OpenAPI document is covered, so a new resource is checked
as soon as its routes exist; the count comes from the daemon (`database.count_statements`).
A list under another object (a path with `{...}`) needs that object first: it is checked
once it has bodies in SEED_BODIES (path parameters filled in by the test's author).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
import requests
import yaml

from .helpers.daemon import Daemon
from .helpers.database import create_database, drop_database
from .helpers.openapi_bodies import example_body, list_routes

HEADER = 'X-Confd-Statement-Count'
ROWS = 3
# A user with a SIP line, an extension and a voicemail in one POST /users.
MAX_FULL_USER_STATEMENTS = 20
# Bodies for list routes whose rows the schema alone cannot make (a required field naming
# another object, a list under another object); the others are made from the schema.
SEED_BODIES: dict[str, list[dict]] = {
    '/registers/iax': [{'remote_host': f'iax{serial}.example.com'} for serial in range(ROWS)],
}


@pytest.fixture(scope='module')
def counting_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    uri = create_database('confd_statements')
    # A long auth cache: the key lookup then happens once, not in some of the compared requests;
    # one HTTP process, whose cache that is (each process has its own).
    config = {'database': {'count_statements': True}, 'auth': {'cache_ttl': 3600}, 'rest_api': {'workers': 1}}
    daemon = Daemon(str(tmp_path_factory.mktemp('daemon-statements')), uri, config).start()
    yield daemon
    daemon.stop()
    drop_database(uri)


def _yaml(daemon: Daemon) -> dict:
    return yaml.safe_load(requests.get(f'{daemon.base_url}/api/api.yml', timeout=10).text)


def _seed(daemon: Daemon, spec: dict, path: str) -> str | None:
    """Create ROWS rows of `path`; the reason it could not, or None."""
    client = daemon.client()
    bodies: Sequence[dict | None] = SEED_BODIES.get(path, [])
    if not bodies:
        bodies = [example_body(spec, path, serial) for serial in range(ROWS)]
    if any(body is None for body in bodies):
        return 'its schema alone does not give a valid body'
    for body in bodies:
        response = client.post(path, json=body)
        if response.status_code != 201:
            return f'POST {body} answered {response.status_code} {response.text[:200]}'
    return None


def _count(daemon: Daemon, path: str, limit: int) -> tuple[int, int]:
    response = daemon.client().get(f'{path}?limit={limit}')
    assert response.status_code == 200, response.text
    return int(response.headers[HEADER]), len(response.json()['items'])


def test_the_count_header_reports_statements(counting_daemon: Daemon) -> None:
    client = counting_daemon.client()  # one connection: one process, whose key cache is warm
    client.get('/users?search=nobody')
    response = client.get('/users?search=nobody')

    # The auth lookup is cached by then; a list with no match only counts its rows.
    assert response.headers[HEADER] == '1'


def test_the_count_header_is_absent_by_default(daemon: Daemon) -> None:
    response = daemon.client().get('/users')

    assert HEADER not in response.headers


def test_every_list_route_is_covered(counting_daemon: Daemon) -> None:
    assert '/users' in list_routes(_yaml(counting_daemon))


def test_list_statements_do_not_grow_with_the_rows(counting_daemon: Daemon) -> None:
    spec = _yaml(counting_daemon)
    failures, checked = [], []
    for path in [p for p in list_routes(spec) if '{' not in p or p in SEED_BODIES]:
        reason = _seed(counting_daemon, spec, path)
        if reason is not None:
            # Rows this test cannot make (e.g. a body naming another object): add SEED_BODIES.
            print(f'{path} is not checked for N+1 queries: {reason}')
            continue
        _count(counting_daemon, path, 1)  # warm the auth cache for this route's ACL
        one, one_rows = _count(counting_daemon, path, 1)
        many, many_rows = _count(counting_daemon, path, ROWS)
        if (one_rows, many_rows) != (1, ROWS):
            # The list does not show the rows made (e.g. it is scoped elsewhere).
            print(f'{path} is not checked for N+1 queries: pages of {one_rows} and {many_rows}')
            continue
        checked.append(path)
        if one != many:
            failures.append(f'{path}: {one} statements for 1 row, {many} for {ROWS}')

    assert '/users' in checked
    assert not failures, '; '.join(failures)


def test_an_item_of_the_selected_tenant_costs_one_statement(counting_daemon: Daemon) -> None:
    client = counting_daemon.client()
    user = client.post('/users', json={'firstname': 'Counted'}).json()
    client.get(f'/users/{user["uuid"]}')

    response = client.get(f'/users/{user["uuid"]}')

    # The user, found by its uuid: the tenant tree is not looked up for the user's own tenant.
    assert response.status_code == 200
    assert response.headers[HEADER] == '1'


def test_an_item_of_a_sub_tenant_is_found_through_the_tenant_tree(counting_daemon: Daemon) -> None:
    admin = counting_daemon.client()
    child = admin.post('/tenants', json={'name': 'counted'}).json()
    user = counting_daemon.client(tenant=child['uuid']).post('/users', json={'firstname': 'Below'}).json()
    admin.get(f'/users/{user["uuid"]}')

    response = admin.get(f'/users/{user["uuid"]}')

    # The user, then the tree that shows its tenant is below the selected one.
    assert response.status_code == 200
    assert response.json()['tenant_uuid'] == child['uuid']
    assert response.headers[HEADER] == '2'


def test_a_full_user_in_one_post_asks_each_question_once(counting_daemon: Daemon) -> None:
    client = counting_daemon.client()
    context = client.post(
        '/contexts', json={'label': 'counted', 'user_ranges': [{'start': '1000', 'end': '1999'}]}
    ).json()
    line = {'context': context['name'], 'endpoint_sip': {}, 'extensions': [{'exten': '1001'}]}
    voicemail = {'name': 'counted', 'number': '1001', 'context': context['name']}

    response = client.post('/users', json={'firstname': 'Full', 'lines': [line], 'voicemail': voicemail})

    # The context, the tenant tree and the uniqueness lookups are each read once; the rows
    # this request inserts are not re-read FOR UPDATE to be linked, nor their links looked
    # up (65 statements before, then 25).
    assert response.status_code == 201, response.text
    assert int(response.headers[HEADER]) <= MAX_FULL_USER_STATEMENTS
