"""No N+1 queries: the SQL statements of a list request do not depend on the rows it returns.

Every list route of the OpenAPI document is covered, so a new resource is checked as soon as
its routes exist; the count comes from the daemon (`database.count_statements`). Each list
is filled with N, then 2N rows through the API (helpers/list_seeders.py: the protection
matrix's factories, or a seeder of its own); a list route nobody told how to fill FAILS.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import yaml

from .helpers.client import Client
from .helpers.daemon import Daemon, counting_daemon
from .helpers.list_seeders import Seeder, seeder
from .helpers.openapi_bodies import list_routes
from .protection.factories import Maker

HEADER = 'X-Confd-Statement-Count'
ROWS = 3
# A user with a SIP line, an extension and a voicemail in one POST /users; the last two are
# the line's caller ID taken from its new main user (the endpoint's option, the line's copy).
MAX_FULL_USER_STATEMENTS = 22


@pytest.fixture(scope='module', name='counting_daemon')
def started_counting_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    with counting_daemon(str(tmp_path_factory.mktemp('daemon-statements')), 'confd_statements') as (daemon, _rows):
        yield daemon


def _yaml(daemon: Daemon) -> dict:
    return yaml.safe_load(requests.get(f'{daemon.base_url}/api/api.yml', timeout=10).text)


def _maker(daemon: Daemon) -> Maker:
    """The factories' view of the counting daemon: its admin, in the master tenant."""
    master = daemon.client().get('/tenants').json()['items'][0]['uuid']

    def new_tenant(parent: str) -> str:
        raise AssertionError('the list seeders make no tenant tree')

    return Maker(api=daemon.client(tenant=master), tenant=master, new_tenant=new_tenant)


def _count(client: Client, path: str, params: dict, limit: int | None = None) -> tuple[int, int]:
    """The statements and the rows of a list request, once the caches it uses are warm."""
    params = {**params, 'limit': limit} if limit else params
    client.get(path, params=params)  # the auth and tenant caches, for this route's ACL
    response = client.get(path, params=params)
    assert response.status_code == 200, f'GET {path}: {response.status_code} {response.text}'
    return int(response.headers[HEADER]), len(response.json()['items'])


def _compare(client: Client, seeds: Seeder) -> str | None:
    """Why the statements of that list grow with its rows, or None."""
    path = seeds.path()
    if seeds.static:
        (few, few_rows), (many, many_rows) = (
            _count(client, path, seeds.params, ROWS),
            _count(client, path, seeds.params, 2 * ROWS),
        )
        if (few_rows, many_rows) != (ROWS, 2 * ROWS):
            return f'pages of {few_rows} and {many_rows} rows, not {ROWS} and {2 * ROWS}'
    else:
        seeds.add(ROWS)
        few, few_rows = _count(client, path, seeds.params)
        seeds.add(ROWS)
        many, many_rows = _count(client, path, seeds.params)
        if many_rows - few_rows != ROWS:
            return f'{ROWS} rows added, the list went from {few_rows} to {many_rows} rows'
    if few != many:
        return f'{few} statements for {few_rows} rows, {many} for {many_rows}'
    return None


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
    maker = _maker(counting_daemon)
    failures = []
    document = _yaml(counting_daemon)
    for route in list_routes(document):
        seeds = seeder(route, maker, document)
        if seeds is None:
            failures.append(f'{route}: no way to fill it; add a factory body or a seeder (helpers/list_seeders.py)')
            continue
        try:
            reason = _compare(maker.api, seeds)
        except AssertionError as e:
            reason = str(e)
        if reason is not None:
            failures.append(f'{route}: {reason}')

    assert not failures, '\n'.join(failures)


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


def test_outcalls_with_dial_patterns_and_trunks_cost_the_same_for_any_page(counting_daemon: Daemon) -> None:
    client = counting_daemon.client()
    context = client.post('/contexts', json={'label': 'counted-out', 'type': 'outcall'}).json()['name']
    for n in range(ROWS):
        outcall = client.post('/outcalls', json={'name': f'counted-out-{n}'}).json()
        extension = client.post('/extensions', json={'exten': f'_{n}.', 'context': context}).json()
        linked = client.put(f'/outcalls/{outcall["id"]}/extensions/{extension["id"]}', json={'prefix': '0'})
        assert linked.status_code == 204
        permission = client.post('/callpermissions', json={'name': f'counted-out-perm-{n}'}).json()
        assert client.put(f'/outcalls/{outcall["id"]}/callpermissions/{permission["id"]}').status_code == 204
        trunk = client.post('/trunks', json={}).json()
        endpoint = client.post('/endpoints/sip', json={'label': f'counted-out-sip-{n}'}).json()
        assert client.put(f'/trunks/{trunk["id"]}/endpoints/sip/{endpoint["uuid"]}').status_code == 204
        trunks = {'trunks': [{'id': trunk['id']}]}
        assert client.put(f'/outcalls/{outcall["id"]}/trunks', json=trunks).status_code == 204
    failures = []
    pages = (
        ('/outcalls', {'search': 'counted-out'}),
        ('/trunks', {'search': 'counted-out-sip'}),
        ('/extensions', {'context': context}),
        ('/callpermissions', {'search': 'counted-out-perm'}),
    )
    for path, params in pages:
        counts = []
        for limit in (1, 1, ROWS):  # the first warms the auth cache for this route's ACL
            response = counting_daemon.client().get(path, params={**params, 'limit': limit})
            assert len(response.json()['items']) == limit
            counts.append(int(response.headers[HEADER]))
        if counts[1] != counts[2]:
            failures.append(f'{path}: {counts[1]} statements for 1 row, {counts[2]} for {ROWS}')

    assert not failures, '; '.join(failures)


def test_linked_call_permissions_and_included_contexts_cost_the_same_per_page(counting_daemon: Daemon) -> None:
    """Rows with links (a permission's users, a user's permissions, a context's included
    contexts) are read with a number of statements independent of the page's size."""
    client = counting_daemon.client()
    tag = f'linked{ROWS}'
    for serial in range(ROWS):
        user = client.post('/users', json={'firstname': f'{tag}-{serial}'}).json()
        permission = client.post('/callpermissions', json={'name': f'{tag}-{serial}'}).json()
        assert client.put(f'/users/{user["uuid"]}/callpermissions/{permission["id"]}').status_code == 204
        included = client.post('/contexts', json={'label': f'{tag}-inc-{serial}'}).json()
        context = client.post('/contexts', json={'label': f'{tag}-main-{serial}'}).json()
        body = {'contexts': [{'id': included['id']}]}
        assert client.put(f'/contexts/{context["id"]}/contexts', json=body).status_code == 204

    def count(path: str, search: str, limit: int) -> tuple[int, int]:
        response = client.get(path, params={'search': search, 'limit': limit})
        assert response.status_code == 200, response.text
        assert all(item[key] for item in response.json()['items'] for key in linked[path])
        return int(response.headers[HEADER]), len(response.json()['items'])

    linked = {'/callpermissions': ['users'], '/users': ['call_permissions'], '/contexts': ['contexts']}
    for path, search in (('/callpermissions', tag), ('/users', tag), ('/contexts', f'{tag}-main')):
        count(path, search, 1)  # warm the auth cache for this route's ACL
        one, one_rows = count(path, search, 1)
        many, many_rows = count(path, search, ROWS)
        assert (one_rows, many_rows) == (1, ROWS), path
        assert one == many, f'{path}: {one} statements for 1 row, {many} for {ROWS}'


def test_a_new_user_reads_none_of_its_links(counting_daemon: Daemon) -> None:
    client = counting_daemon.client()
    client.post('/users', json={'firstname': 'Warm'})  # the caches of the route

    response = client.post('/users', json={'firstname': 'Alone'})

    # No line, voicemail nor call permission can link a user not created yet: those
    # relations (the last contributed by the call permissions plugin) are set empty, not read.
    assert response.status_code == 201, response.text
    assert response.json()['call_permissions'] == []
    assert response.headers[HEADER] == '3'


def test_the_users_summary_costs_the_same_for_any_page(counting_daemon: Daemon) -> None:
    """The summary reads each user's main line, its endpoint and that endpoint's templates
    (for `is_webrtc` and `provisioning_code`): in statements independent of the page's size."""
    client = counting_daemon.client()
    tag = 'summary-counted'
    context = client.post('/contexts', json={'label': 'counted-summary'}).json()['name']
    template = client.post(
        '/endpoints/sip/templates', json={'label': 'counted-webrtc', 'endpoint_section_options': [['webrtc', 'yes']]}
    ).json()
    for n in range(6):
        kinds: list[dict] = [
            {'endpoint_sip': {'templates': [{'uuid': template['uuid']}]}},
            {'endpoint_sip': {'endpoint_section_options': [['webrtc', 'yes']]}},
            {'endpoint_custom': {'interface': f'custom/counted{n}'}},
        ]
        endpoint = kinds[n % 3]
        user = client.post('/users', json={'firstname': f'summary{n}', 'userfield': tag}).json()
        line = client.post('/lines', json={'context': context, **endpoint})
        assert line.status_code == 201, line.text
        assert client.put(f'/users/{user["id"]}/lines/{line.json()["id"]}').status_code == 204
    counts = []
    # Pages of 3 and 6 users, each page with every kind of line; the first warms the auth cache.
    for limit in (3, 3, 6):
        response = client.get(
            '/users', params={'userfield': tag, 'view': 'summary', 'limit': limit, 'order': 'firstname'}
        )
        assert len(response.json()['items']) == limit
        counts.append(int(response.headers[HEADER]))

    assert counts[1] == counts[2], f'{counts[1]} statements for 3 rows, {counts[2]} for 6'
