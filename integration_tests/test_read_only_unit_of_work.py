"""GET and HEAD run without a transaction on PostgreSQL (no COMMIT round trip); a read-only
unit of work that writes after all still commits or rolls back its writes as one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from wazo_confd import tenancy
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database

PREFIX = 'abcdef00-0000-0000-0000-'


@pytest.fixture
def database(fresh_pg: str) -> Iterator[Database]:
    migrations.upgrade(fresh_pg)
    db = Database(fresh_pg, {'pool_size': 1})
    yield db
    db.dispose()


def _tenants(db: Database) -> int:
    with db.unit_of_work() as uow:
        return uow.session.execute(text(f"SELECT count(*) FROM tenant WHERE uuid LIKE '{PREFIX}%'")).scalar_one()


def test_reads_run_outside_a_transaction(database: Database) -> None:
    with database.unit_of_work(read_only=True) as uow:
        # In a transaction, now() stays at its start: a later statement would see it differ.
        uow.session.execute(text('SELECT pg_sleep(0.01)'))
        in_transaction = uow.session.execute(text('SELECT now() <> statement_timestamp()')).scalar()

    assert in_transaction is False


def test_a_write_after_reads_uses_a_transaction(database: Database) -> None:
    with database.unit_of_work(read_only=True):
        pass
    with database.unit_of_work() as uow:
        uow.session.execute(text('SELECT pg_sleep(0.01)'))
        in_transaction = uow.session.execute(text('SELECT now() <> statement_timestamp()')).scalar()

    assert in_transaction is True


def test_writes_of_a_failed_read_only_unit_are_rolled_back(database: Database) -> None:
    with pytest.raises(RuntimeError):
        with database.unit_of_work(read_only=True) as uow:
            tenancy.ensure(uow.session, PREFIX + '000000000001')
            tenancy.ensure(uow.session, PREFIX + '000000000002')
            raise RuntimeError('handler failed')

    assert _tenants(database) == 0


def test_writes_of_a_read_only_unit_are_committed(database: Database) -> None:
    with database.unit_of_work(read_only=True) as uow:
        tenancy.ensure(uow.session, PREFIX + '000000000003')

    assert _tenants(database) == 1
