"""Outbox ids follow commit order on PostgreSQL, not the order transactions wrote."""

from __future__ import annotations

from sqlalchemy import select

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.model import OutboxEvent
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database


def test_the_transaction_that_commits_first_gets_the_smaller_id(fresh_pg: str) -> None:
    migrations.upgrade(fresh_pg)
    database = Database(fresh_pg)
    outbox = Outbox(database, lambda: 'origin')
    try:
        with database.unit_of_work():
            outbox.add(Event(name='written_first', routing_key='config.a', data={}))
            database.session().flush()  # the request goes on with its own work
            with database.unit_of_work():
                outbox.add(Event(name='committed_first', routing_key='config.b', data={}))

        with database.new_session() as session:
            names = list(session.scalars(select(OutboxEvent.name).order_by(OutboxEvent.id)))
    finally:
        database.dispose()

    assert names == ['committed_first', 'written_first']


def test_the_events_of_one_transaction_keep_the_order_they_were_written_in(fresh_pg: str) -> None:
    migrations.upgrade(fresh_pg)
    database = Database(fresh_pg)
    outbox = Outbox(database, lambda: 'origin')
    written = [f'event_{n}' for n in range(20)]  # past the rows written with the lock in one statement
    try:
        for count in (1, 3, len(written)):
            with database.unit_of_work():
                for name in written[:count]:
                    outbox.add(Event(name=name, routing_key=f'config.{name}', data={'n': name}))
        with database.new_session() as session:
            rows = session.execute(
                select(OutboxEvent.name, OutboxEvent.body, OutboxEvent.created_at).order_by(OutboxEvent.id)
            ).all()
    finally:
        database.dispose()

    assert [row.name for row in rows] == written[:1] + written[:3] + written
    assert all(row.body['data'] == {'n': row.name} and row.created_at is not None for row in rows)
