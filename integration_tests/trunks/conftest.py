"""A daemon of the trunk tests: publishing to RabbitMQ, sending reloads to a wazo-sysconfd
stand-in, on a database of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.sysconfd import SysconfdStandIn, daemon_with_sysconfd

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
