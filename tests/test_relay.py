"""The generic relay on SQLite with a recording sink: order, confirmation, failures, purge."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.model import OutboxEvent
from wazo_confd.bus.outbox import Outbox
from wazo_confd.bus.relay import PartialDelivery, Relay
from wazo_confd.database import migrations
from wazo_confd.database.base import utcnow
from wazo_confd.database.uow import Database

OPTIONS = {'poll_interval': 0.05, 'batch_size': 2, 'retention_seconds': 60}


class RecordingSink:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.fail_after: int | None = None

    def send(self, rows: Sequence[OutboxEvent]) -> None:
        for count, row in enumerate(rows):
            if self.fail_after is not None and len(self.sent) >= self.fail_after:
                raise PartialDelivery(count, ConnectionError('down'))
            self.sent.append(row.name)

    def check(self) -> None:
        if self.fail_after is not None:
            raise ConnectionError('down')

    def close(self) -> None:
        return None


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    uri = f'sqlite:///{tmp_path}/relay.sqlite'
    migrations.upgrade(uri)
    db = Database(uri)
    yield db
    db.dispose()


def write_events(database: Database, *names: str) -> None:
    outbox = Outbox(database, lambda: 'origin')
    for name in names:
        with database.unit_of_work():
            outbox.add(Event(name=name, routing_key=f'config.{name}', data={}))


def unsent(database: Database) -> list[str]:
    with database.new_session() as session:
        return list(
            session.scalars(select(OutboxEvent.name).where(OutboxEvent.sent_at.is_(None)).order_by(OutboxEvent.id))
        )


def test_outbox_rows_are_written_at_commit_only(database: Database) -> None:
    outbox = Outbox(database, lambda: 'origin')
    with pytest.raises(RuntimeError):
        with database.unit_of_work():
            outbox.add(Event(name='lost', routing_key='config.lost', data={}))
            raise RuntimeError('rolled back')
    write_events(database, 'kept')

    assert unsent(database) == ['kept']


def test_relay_sends_every_row_in_commit_order_and_marks_them_sent(database: Database) -> None:
    write_events(database, 'a', 'b', 'c', 'd', 'e')
    sink = RecordingSink()
    relay = Relay('test', database, OutboxEvent, sink, OPTIONS)

    relay._send_all(deadline=None)

    assert sink.sent == ['a', 'b', 'c', 'd', 'e']
    assert unsent(database) == []
    assert relay.backlog() == 0


def test_partial_delivery_keeps_the_confirmed_rows_sent(database: Database) -> None:
    write_events(database, 'a', 'b', 'c')
    sink = RecordingSink()
    sink.fail_after = 1
    relay = Relay('test', database, OutboxEvent, sink, OPTIONS)

    with pytest.raises(PartialDelivery):
        relay._send_all(deadline=None)

    assert unsent(database) == ['b', 'c']


def test_running_relay_reports_failure_then_delivers_when_the_sink_is_back(database: Database) -> None:
    sink = RecordingSink()
    sink.fail_after = 0
    relay = Relay('test', database, OutboxEvent, sink, OPTIONS)
    relay.start()
    try:
        write_events(database, 'a', 'b', 'c')
        relay.wake()
        assert _eventually(lambda: relay.status()['status'] == 'fail')
        assert relay.status()['backlog'] == 3

        sink.fail_after = None

        assert _eventually(lambda: relay.status() == {'status': 'ok', 'backlog': 0})
        assert sink.sent == ['a', 'b', 'c']
    finally:
        relay.stop()


def test_sent_rows_older_than_the_retention_are_purged(database: Database) -> None:
    write_events(database, 'old', 'new', 'unsent')
    with database.new_session() as session, session.begin():
        session.execute(
            update(OutboxEvent).where(OutboxEvent.name == 'old').values(sent_at=utcnow() - timedelta(hours=1))
        )
        session.execute(update(OutboxEvent).where(OutboxEvent.name == 'new').values(sent_at=utcnow()))
    relay = Relay('test', database, OutboxEvent, RecordingSink(), OPTIONS)

    relay._purge()

    with database.new_session() as session:
        assert sorted(session.scalars(select(OutboxEvent.name))) == ['new', 'unsent']


def _eventually(predicate: Callable[[], object], timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_graceful_stop_sends_what_is_committed(database: Database) -> None:
    sink = RecordingSink()
    relay = Relay('test', database, OutboxEvent, sink, {**OPTIONS, 'poll_interval': 3600})
    relay.start()
    assert _eventually(lambda: relay.healthy is True)
    write_events(database, 'a', 'b', 'c')  # no wake-up: only the stop can send them

    relay.stop()

    assert sink.sent == ['a', 'b', 'c']
