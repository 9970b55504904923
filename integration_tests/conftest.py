"""Fixtures: the real daemon on real PostgreSQL (and SQLite), talked to over HTTP, publishing\nits events to the real RabbitMQ."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers.bus import bus_config, delete_queue
from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows, create_database, drop_database
from .helpers.events import Events
from .helpers.sysconfd import SysconfdStandIn


@pytest.fixture(scope='session')
def pg_uri() -> Iterator[str]:
    uri = create_database()
    yield uri
    drop_database(uri)


def _sqlite_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f'sqlite:///{tmp_path_factory.mktemp("sqlite") / "confd.sqlite"}'


@pytest.fixture(scope='session', params=['postgresql', 'sqlite'])
def daemon(request: pytest.FixtureRequest, pg_uri: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    """One daemon per database backend, shared by the tests that only read and write users."""
    uri = pg_uri if request.param == 'postgresql' else _sqlite_uri(tmp_path_factory)
    daemon = Daemon(str(tmp_path_factory.mktemp(f'daemon-{request.param}')), uri, bus_config()).start()
    yield daemon
    _stop(daemon)


def _stop(daemon: Daemon) -> None:
    daemon.stop()
    delete_queue(daemon.config['bus']['queue_name'])


@pytest.fixture(scope='session')
def pg_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    """The PostgreSQL daemon alone, for tests about PostgreSQL behaviour. Its own database:
    a second daemon on the `daemon` fixture's would replace that one's bootstrap key, and
    the tests of whichever started first would get 401s once their key left the cache."""
    uri = create_database('confd_pg')
    daemon = Daemon(str(tmp_path_factory.mktemp('daemon-pg')), uri, bus_config()).start()
    yield daemon
    _stop(daemon)
    drop_database(uri)


@pytest.fixture
def fresh_pg() -> Iterator[str]:
    """A database of its own, for tests that start and stop daemons."""
    uri = create_database('confd_fresh')
    yield uri
    drop_database(uri)


@pytest.fixture
def rows(daemon: Daemon) -> Iterator[Rows]:
    peek = Rows(daemon.db_uri)
    yield peek
    peek.dispose()


@pytest.fixture
def client(daemon: Daemon) -> Client:
    return daemon.client()


@pytest.fixture
def bus(daemon: Daemon) -> Events:
    """The events the `daemon` fixture publishes from now on, read from RabbitMQ."""
    return Events(daemon.client())


@pytest.fixture(scope='module')
def sysconfd() -> Iterator[SysconfdStandIn]:
    """A wazo-sysconfd stand-in for the daemons of one module (helpers/sysconfd.py)."""
    stand_in = SysconfdStandIn().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def workdir(tmp_path: Path) -> str:
    return str(tmp_path)


os.environ.setdefault('NO_PROXY', '127.0.0.1,localhost')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order in which xdist hands out files (`make test` runs it with
    `--no-loadscope-reorder`): files holding a test marked `slow` first, then the files with
    the most tests. Left to xdist (most tests first), the fuzz run, one test of minutes,
    would start last and run alone at the end."""
    files = [item.nodeid.split('::')[0] for item in items]
    sizes = Counter(files)
    slow = {file for file, item in zip(files, items, strict=True) if item.get_closest_marker('slow')}
    first: dict[str, int] = {}
    for index, file in enumerate(files):
        first.setdefault(file, index)
    order = {id(item): (file not in slow, -sizes[file], first[file]) for file, item in zip(files, items, strict=True)}
    items.sort(key=lambda item: order[id(item)])
