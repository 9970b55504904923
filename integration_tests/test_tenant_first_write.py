"""The first writes into a tenant never seen before, made at once over several HTTP workers:
the tenant row and its default SIP templates are created once, and every write succeeds."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import _sqlite_uri
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.wazo_auth import WazoAuthStandIn
from .test_wazo_auth import ADMIN_ACL, _wait_for

WRITERS = 16


@pytest.fixture(scope='module')
def auth() -> Iterator[WazoAuthStandIn]:
    stand_in = WazoAuthStandIn().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(params=['postgresql', 'sqlite'])
def confd(
    request: pytest.FixtureRequest, auth: WazoAuthStandIn, fresh_pg: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Daemon]:
    uri = fresh_pg if request.param == 'postgresql' else _sqlite_uri(tmp_path_factory)
    config = {'auth': auth.config(cache_ttl=30), 'rest_api': {'workers': 3}}
    daemon = Daemon(str(tmp_path_factory.mktemp('first-write')), uri, config).start()
    _wait_for(lambda: daemon.client(auth.add_token(ADMIN_ACL)).get('/status').json()['master_tenant']['status'] == 'ok')
    yield daemon
    daemon.stop()


def test_concurrent_first_writes_into_a_new_tenant_all_succeed(confd: Daemon, auth: WazoAuthStandIn) -> None:
    newcomer = auth.add_tenant('newcomer')
    token = auth.add_token(ADMIN_ACL, newcomer)

    def create(index: int) -> int:
        # A client (a connection) each: the kernel spreads new connections over the workers.
        return confd.client(token).post('/users', json={'firstname': f'First{index}'}).status_code

    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = list(pool.map(create, range(WRITERS)))

    assert statuses == [201] * WRITERS
    rows = Rows(confd.db_uri)
    try:
        assert rows.count('tenant', 'uuid = :t', t=newcomer) == 1
        assert rows.count('endpoint_sip', 'tenant_uuid = :t AND template', t=newcomer) == 5
        assert rows.count('confd_user', 'tenant_uuid = :t', t=newcomer) == WRITERS
    finally:
        rows.dispose()
