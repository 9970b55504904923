"""The wazo_auth backend against the wazo-auth stand-in: tokens, ACLs, tenants, outages."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.wazo_auth import WazoAuthStandIn

ADMIN_ACL = ['confd.#', 'auth.tenants.read']


@pytest.fixture(scope='module')
def auth() -> Iterator[WazoAuthStandIn]:
    stand_in = WazoAuthStandIn().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(scope='module')
def tree(auth: WazoAuthStandIn) -> dict[str, str]:
    a = auth.add_tenant('a')
    return {'master': auth.master_uuid, 'a': a, 'a1': auth.add_tenant('a1', a), 'b': auth.add_tenant('b')}


@pytest.fixture(scope='module')
def confd(auth: WazoAuthStandIn, tree: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    workdir = tmp_path_factory.mktemp('wazo-auth-daemon')
    daemon = Daemon(str(workdir), f'sqlite:///{workdir}/confd.sqlite', {'auth': auth.config(cache_ttl=30)}).start()
    _wait_for(lambda: daemon.client(auth.add_token(ADMIN_ACL)).get('/status').json()['master_tenant']['status'] == 'ok')
    yield daemon
    daemon.stop()


def _wait_for(condition: Callable[[], object], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, 'condition not met in time'
        time.sleep(0.1)


def test_a_valid_token_granting_the_acl_is_accepted(confd: Daemon, auth: WazoAuthStandIn) -> None:
    assert confd.client(auth.add_token(['confd.users.read'])).get('/users').status_code == 200


def test_an_unknown_token_is_401(confd: Daemon) -> None:
    assert confd.client(str(uuid.uuid4())).get('/users').status_code == 401


def test_an_expired_token_is_401(confd: Daemon, auth: WazoAuthStandIn) -> None:
    assert confd.client(auth.add_token(ADMIN_ACL, expires_in=-1)).get('/users').status_code == 401


def test_an_acl_not_granted_is_401(confd: Daemon, auth: WazoAuthStandIn) -> None:
    assert confd.client(auth.add_token(['confd.lines.read'])).get('/users').status_code == 401


def test_a_tenant_the_token_cannot_see_is_401(confd: Daemon, auth: WazoAuthStandIn, tree: dict[str, str]) -> None:
    token = auth.add_token(ADMIN_ACL, tree['a'])

    assert confd.client(token, tenant=tree['b']).get('/users').status_code == 401
    assert confd.client(token, tenant=tree['a1']).get('/users').status_code == 200


def test_the_check_sends_the_acl_and_the_tenant(confd: Daemon, auth: WazoAuthStandIn, tree: dict[str, str]) -> None:
    token = auth.add_token(ADMIN_ACL, tree['a'])

    confd.client(token, tenant=tree['a1']).get('/users/42')

    heads = [q for m, p, q in auth.requests if m == 'HEAD' and p == f'/0.1/token/{token}']
    assert heads == [{'scope': 'confd.users.42.read', 'tenant': tree['a1']}]


def test_a_successful_check_is_cached(confd: Daemon, auth: WazoAuthStandIn) -> None:
    token = auth.add_token(ADMIN_ACL)
    client = confd.client(token)

    assert [client.get('/users').status_code for _ in range(3)] == [200, 200, 200]
    assert auth.count('HEAD', f'/0.1/token/{token}') == 1


def test_a_failed_check_is_not_cached(confd: Daemon, auth: WazoAuthStandIn) -> None:
    token = auth.add_token(['confd.lines.read'])
    client = confd.client(token)

    assert [client.get('/users').status_code for _ in range(2)] == [401, 401]
    assert auth.count('HEAD', f'/0.1/token/{token}') == 2


def test_wazo_auth_down_is_503_then_recovers(confd: Daemon, auth: WazoAuthStandIn) -> None:
    client = confd.client(auth.add_token(ADMIN_ACL))
    auth.stop()
    try:
        response = client.get('/users')
        assert response.status_code == 503
        assert isinstance(response.json(), list)
    finally:
        auth.start()

    assert client.get('/users').status_code == 200


def test_status_shows_the_service_token_and_the_master_tenant(confd: Daemon, auth: WazoAuthStandIn) -> None:
    status = confd.client(auth.add_token(ADMIN_ACL)).get('/status').json()

    assert status['service_token'] == {'status': 'ok'}
    assert status['master_tenant'] == {'status': 'ok'}


def test_the_tenant_tree_is_read_from_wazo_auth_at_start(
    confd: Daemon, auth: WazoAuthStandIn, tree: dict[str, str]
) -> None:
    items = confd.client(auth.add_token(ADMIN_ACL)).get('/tenants?recurse=true').json()['items']

    assert {t['uuid'] for t in items} == set(tree.values())
    assert {t['uuid']: t['parent_uuid'] for t in items}[tree['a1']] == tree['a']


def test_a_token_sees_its_tenant_and_its_descendants(
    confd: Daemon, auth: WazoAuthStandIn, tree: dict[str, str]
) -> None:
    items = confd.client(auth.add_token(ADMIN_ACL, tree['a'])).get('/tenants?recurse=true').json()['items']

    assert {t['uuid'] for t in items} == {tree['a'], tree['a1']}


@pytest.mark.parametrize('method, path', [('POST', '/tenants'), ('PUT', '/tenants/{a}'), ('DELETE', '/tenants/{a}')])
def test_tenants_are_read_only_with_wazo_auth(
    confd: Daemon, auth: WazoAuthStandIn, tree: dict[str, str], method: str, path: str
) -> None:
    client = confd.client(auth.add_token(ADMIN_ACL))

    assert client.request(method, path.format(a=tree['a']), json={'name': 'x'}).status_code == 405


def test_a_tenant_seen_for_the_first_time_is_created_on_first_write(confd: Daemon, auth: WazoAuthStandIn) -> None:
    newcomer = auth.add_tenant('late', auth.master_uuid)
    client = confd.client(auth.add_token(ADMIN_ACL, newcomer))
    rows = Rows(confd.db_uri)
    try:
        assert rows.count('tenant', 'uuid = :u', u=newcomer) == 0

        created = client.post('/users', json={'firstname': 'Late'})

        assert created.status_code == 201
        assert created.json()['tenant_uuid'] == newcomer
        assert rows.count('tenant', 'uuid = :u', u=newcomer) == 1
    finally:
        rows.dispose()


def test_the_service_token_is_renewed_before_it_expires(
    auth: WazoAuthStandIn, tree: dict[str, str], tmp_path: Path
) -> None:
    daemon = Daemon(str(tmp_path), f'sqlite:///{tmp_path}/confd.sqlite', {'auth': auth.config(token_expiration=2)})
    before = auth.count('POST', '/0.1/token')
    daemon.start()
    try:
        _wait_for(lambda: auth.count('POST', '/0.1/token') >= before + 3, timeout=10)
    finally:
        daemon.stop()


def test_wrong_service_credentials_leave_the_master_tenant_unknown(auth: WazoAuthStandIn, tmp_path: Path) -> None:
    config = auth.config()
    config['password'] = 'wrong'
    daemon = Daemon(str(tmp_path), f'sqlite:///{tmp_path}/confd.sqlite', {'auth': config}).start()
    try:
        time.sleep(0.5)
        status = daemon.client(auth.add_token(ADMIN_ACL)).get('/status').json()
    finally:
        daemon.stop()

    assert status['service_token']['status'] == 'fail'
    assert status['master_tenant']['status'] == 'fail'


def test_missing_service_credentials_stop_the_start(auth: WazoAuthStandIn, tmp_path: Path) -> None:
    config = {'backend': 'wazo_auth', 'host': '127.0.0.1', 'port': auth.port}
    daemon = Daemon(str(tmp_path), f'sqlite:///{tmp_path}/confd.sqlite', {'auth': config})

    with pytest.raises(RuntimeError, match='auth.username'):
        daemon.start()


def test_master_tenant_routes_are_503_while_the_master_tenant_is_unknown(auth: WazoAuthStandIn, tmp_path: Path) -> None:
    config = auth.config()
    config['password'] = 'wrong'
    daemon = Daemon(str(tmp_path), f'sqlite:///{tmp_path}/confd.sqlite', {'auth': config}).start()
    try:
        client = daemon.client(auth.add_token(ADMIN_ACL, tenant=auth.master_uuid))
        created = client.post('/registrars', json={'main_host': 'a', 'proxy_main_host': 'b'})
        listed = client.get('/registrars')
    finally:
        daemon.stop()

    assert (created.status_code, created.text) == (503, '["wazo-confd is not initialized"]\n')
    assert (listed.status_code, listed.text) == (503, '["wazo-confd is not initialized"]\n')
