"""SIGKILL in the middle of a stream of writes: after a restart, nothing half-done."""

from __future__ import annotations

import json
import signal
import threading
import time

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.load import Outcome, send


def _writer(client: Client, outcomes: list[Outcome], stop: threading.Event) -> None:
    client = client.as_token(client.token)
    valid = True
    while not stop.is_set():
        if valid:
            outcome = send(
                lambda name: client.post('/users', json={'firstname': name, 'lastname': 'crash'}, timeout=10)
            )
        else:
            # Refused by validation: must leave nothing behind, before or after the crash.
            outcome = send(
                lambda name: client.post('/users', json={'firstname': name, 'ring_seconds': 'x'}, timeout=10)
            )
        outcomes.append(outcome)
        valid = not valid


def test_sigkill_during_writes_keeps_every_2xx_and_no_half_written_change(workdir: str, fresh_pg: str) -> None:
    daemon = Daemon(workdir, fresh_pg).start()
    client = daemon.client()
    outcomes: list[Outcome] = []
    stop = threading.Event()
    writers = [threading.Thread(target=_writer, args=(client, outcomes, stop), daemon=True) for _ in range(4)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 20
    while sum(o.status == 201 for o in outcomes) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)

    assert daemon.process is not None
    daemon.process.send_signal(signal.SIGKILL)
    daemon.process.wait(10)
    stop.set()
    for writer in writers:
        writer.join(15)
    daemon.stop()
    daemon.start()
    after = daemon.client().get('/users', params={'lastname': 'crash'})
    daemon.stop()

    rows = Rows(fresh_pg)
    users = {r['firstname']: r['uuid'] for r in rows.all('SELECT firstname, uuid FROM confd_user')}
    created_events = [
        json.loads(b) if isinstance(b, str) else b
        for b in (r['body'] for r in rows.all("SELECT body FROM outbox_event WHERE name = 'user_created'"))
    ]
    rows.dispose()
    accepted = {o.name for o in outcomes if o.status == 201}
    refused = {o.name for o in outcomes if o.status is not None and o.status != 201}
    assert len(accepted) >= 40 and refused
    assert accepted <= set(users)
    assert not refused & set(users)
    # Every user that exists, answered or cut off by the kill, has its event, and no more.
    event_uuids = [e['data']['uuid'] for e in created_events]
    assert sorted(event_uuids) == sorted(users.values())
    assert after.status_code == 200 and after.json()['total'] == len(users)
