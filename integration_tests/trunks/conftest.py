"""A daemon of the trunk tests: publishing to RabbitMQ, sending reloads to a wazo-sysconfd
stand-in, on a database of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ..helpers.daemon import Daemon
from ..helpers.database import Rows
from ..helpers.events import Events
from ..helpers.sysconfd import SysconfdStandIn, daemon_with_sysconfd, reloads_of, sent_out

Reloads = Callable[[Callable[[], object]], list]

# For test_statements.py: one process, whose auth cache stays warm.
STATEMENTS = {'database': {'count_statements': True}, 'auth': {'cache_ttl': 3600}, 'rest_api': {'workers': 1}}


@pytest.fixture(scope='module', params=['postgresql', 'sqlite'])
def trunk_daemon(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sysconfd: SysconfdStandIn
) -> Iterator[Daemon]:
    with daemon_with_sysconfd(request.param, tmp_path_factory, sysconfd, 'trunks', STATEMENTS) as daemon:
        yield daemon


@pytest.fixture
def api(trunk_daemon: Daemon) -> Any:
    return trunk_daemon.client()


@pytest.fixture
def bus(api: Any) -> Events:
    """The events the trunk daemon publishes from now on, read from RabbitMQ."""
    return Events(api)


@pytest.fixture
def reloads(trunk_daemon: Daemon, sysconfd: SysconfdStandIn) -> Iterator[Reloads]:
    """The reload requests one HTTP request of the trunk daemon sent to wazo-sysconfd."""
    rows = Rows(trunk_daemon.db_uri)
    yield lambda write: reloads_of(sysconfd, write, settle=sent_out(rows))
    rows.dispose()
