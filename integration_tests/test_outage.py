"""PostgreSQL stopped while requests flow: clear 503s, then service again without a restart."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from wazo_confd.database.engine import IDLE_PING_SECONDS

from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.load import WriteStream
from .helpers.services import outage_lock, postgresql_stopped

# Every request must be answered within this bound while the database is gone.
ANSWER_BOUND = 8.0
OUTAGE_SECONDS = 2.0


@pytest.fixture
def outage_turn() -> Iterator[None]:
    """Wait for our turn before any load starts: other suites may hold the lock a while."""
    with outage_lock():
        yield


@pytest.mark.outage
def test_postgresql_outage_is_503_then_recovers_without_restart(outage_turn: None, workdir: str, fresh_pg: str) -> None:
    daemon = Daemon(
        workdir,
        fresh_pg,
        {
            # A token checked before the outage stays valid from the cache, as with wazo-auth.
            'auth': {'cache_ttl': 300},
            'database': {'connect_timeout': 2, 'pool_timeout': 2},
        },
    ).start()
    client = daemon.client()
    assert client.get('/status').status_code == 200
    assert client.post('/users', json={'firstname': 'before-outage'}).status_code == 201
    stream = WriteStream(client, threads=3, pause=0.02, timeout=ANSWER_BOUND + 5).start()
    try:
        assert stream.wait_for(lambda o: o.status == 201, 10)
        with postgresql_stopped():
            assert stream.wait_for(lambda o: o.status == 503, 10)
            time.sleep(OUTAGE_SECONDS)
            status = client.get('/status', timeout=ANSWER_BOUND)
        recovered = stream.wait_for(lambda o: o.status == 201, 30)
    finally:
        outcomes = stream.stop()
    log = daemon.log()
    daemon.stop()

    assert recovered, 'no request succeeded once PostgreSQL was back'
    assert status.status_code == 200 and status.json()['database']['status'] == 'fail'
    assert {o.status for o in outcomes} <= {201, 503}, sorted({o.status for o in outcomes}, key=str)
    assert max(o.seconds for o in outcomes) < ANSWER_BOUND
    unavailable = [json.loads(o.body) for o in outcomes if o.status == 503]
    assert unavailable and all(body == ['Service Unavailable - database unavailable'] for body in unavailable)
    assert 'Traceback' not in log and 'Unexpected error' not in log
    rows = Rows(fresh_pg)
    stored = {r['firstname'] for r in rows.all('SELECT firstname FROM confd_user')}
    rows.dispose()
    assert {o.name for o in outcomes if o.status == 201} <= stored


@pytest.mark.outage
def test_idle_connections_left_dead_by_a_restart_are_replaced_without_503(
    outage_turn: None, workdir: str, fresh_pg: str
) -> None:
    daemon = Daemon(workdir, fresh_pg, {'auth': {'cache_ttl': 300}, 'rest_api': {'workers': 2}}).start()
    # Fresh client connections land on both HTTP processes and fill both pools.
    before = [daemon.client().get('/users').status_code for _ in range(20)]
    with postgresql_stopped():
        pass
    time.sleep(IDLE_PING_SECONDS + 1)
    after = [daemon.client().get('/users').status_code for _ in range(20)]
    daemon.stop()

    assert set(before) == {200}
    assert set(after) == {200}, after
