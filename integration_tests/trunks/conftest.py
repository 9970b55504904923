"""A daemon of the trunk tests: publishing to RabbitMQ, sending reloads to a wazo-sysconfd
stand-in, on a database of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from ..helpers.bus import delete_queue
from ..helpers.daemon import Daemon
from ..helpers.database import create_database, drop_database
from ..helpers.sysconfd import SysconfdStandIn


@pytest.fixture(scope='module')
def sysconfd() -> Iterator[SysconfdStandIn]:
    stand_in = SysconfdStandIn().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(scope='module', params=['postgresql', 'sqlite'])
def trunk_daemon(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sysconfd: SysconfdStandIn
) -> Iterator[Daemon]:
    # A database of its own: a second daemon on the shared one would replace its admin key.
    pg = request.param == 'postgresql'
    uri = create_database('confd_trunks') if pg else f'sqlite:///{tmp_path_factory.mktemp("tr") / "confd.sqlite"}'
    config = {
        'bus': {'enabled': True, 'queue_name': f'confd-test-{uuid.uuid4().hex[:10]}'},
        'uuid': str(uuid.uuid4()),
        'sysconfd': {'enabled': True, 'host': '127.0.0.1', 'port': sysconfd.port},
        'outbox': {'poll_interval': 0.1},
        # For test_statements.py: one process, whose auth cache stays warm.
        'database': {'count_statements': True},
        'auth': {'cache_ttl': 3600},
        'rest_api': {'workers': 1},
    }
    daemon = Daemon(str(tmp_path_factory.mktemp(f'trunks-{request.param}')), uri, config).start()
    yield daemon
    daemon.stop()
    delete_queue(daemon.config['bus']['queue_name'])
    if pg:
        drop_database(uri)


@pytest.fixture
def api(trunk_daemon: Daemon) -> Any:
    return trunk_daemon.client()
