"""Outbox ids follow commit order on PostgreSQL, not the order transactions wrote."""

from __future__ import annotations

from sqlalchemy import select

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.model import OutboxEvent
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database


def test_the_transaction_that_commits_first_gets_the_smaller_id(fresh_pg) -> None:  # type: ignore[no-untyped-def]
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
