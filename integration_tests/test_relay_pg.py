"""The relay on PostgreSQL: the table's lock and its unsent rows are claimed in one statement."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import select, text

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.model import OutboxEvent
from wazo_confd.bus.outbox import Outbox
from wazo_confd.bus.relay import PartialDelivery, Relay
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database

OPTIONS = {'poll_interval': 0.05, 'batch_size': 2, 'retention_seconds': 60}


class RecordingSink:
    def __init__(self, fail_after: int | None = None) -> None:
        self.sent: list[str] = []
        self.fail_after = fail_after

    def send(self, rows: Sequence[OutboxEvent]) -> None:
        for count, row in enumerate(rows):
            if self.fail_after is not None and len(self.sent) >= self.fail_after:
                raise PartialDelivery(count, ConnectionError('down'))
            self.sent.append(row.name)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


@pytest.fixture
def database(fresh_pg: str) -> Iterator[Database]:
    migrations.upgrade(fresh_pg)
    db = Database(fresh_pg)
    outbox = Outbox(db, lambda: 'origin')
    for name in ('a', 'b', 'c', 'd', 'e'):
        with db.unit_of_work():
            outbox.add(Event(name=name, routing_key=f'config.{name}', data={'name': name}))
    yield db
    db.dispose()


def unsent(database: Database) -> list[str]:
    with database.new_session() as session:
        return list(
            session.scalars(select(OutboxEvent.name).where(OutboxEvent.sent_at.is_(None)).order_by(OutboxEvent.id))
        )


def test_every_row_is_sent_in_commit_order_in_batches(database: Database) -> None:
    sink = RecordingSink()
    relay = Relay('test', database, OutboxEvent, sink, OPTIONS)

    busy = relay._send_all(deadline=None)

    assert busy is False
    assert sink.sent == ['a', 'b', 'c', 'd', 'e']
    assert unsent(database) == []


def test_nothing_is_sent_while_another_relay_holds_the_table(database: Database) -> None:
    sink = RecordingSink()
    relay = Relay('test', database, OutboxEvent, sink, OPTIONS)
    with database.engine.connect() as other, other.begin():
        other.execute(text('SELECT pg_advisory_xact_lock(:key)'), {'key': relay._lock_key})

        sent = relay._send_batch()

    assert sent is None
    assert sink.sent == []
    assert unsent(database) == ['a', 'b', 'c', 'd', 'e']


def test_an_empty_outbox_is_not_taken_for_a_busy_one(database: Database) -> None:
    relay = Relay('test', database, OutboxEvent, RecordingSink(), OPTIONS)
    relay._send_all(deadline=None)

    assert relay._send_batch() == 0


def test_partial_delivery_keeps_the_confirmed_rows_sent(database: Database) -> None:
    relay = Relay('test', database, OutboxEvent, RecordingSink(fail_after=1), OPTIONS)

    with pytest.raises(PartialDelivery):
        relay._send_all(deadline=None)

    assert unsent(database) == ['b', 'c', 'd', 'e']
