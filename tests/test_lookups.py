"""Lookups remembered within a transaction, and forgotten when their model's rows change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from wazo_confd import tenancy
from wazo_confd.database import lookups, migrations
from wazo_confd.database.uow import Database
from wazo_confd.tenancy import Tenant


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    uri = f'sqlite:///{tmp_path}/lookups.sqlite'
    migrations.upgrade(uri)
    db = Database(uri)
    yield db
    db.dispose()


def names(session: Session) -> list[str]:
    return list(session.scalars(select(Tenant.name).order_by(Tenant.name)))


def test_a_lookup_is_answered_once_per_transaction(database: Database) -> None:
    calls: list[int] = []
    with database.unit_of_work() as uow:

        def counted() -> list[str]:
            calls.append(1)
            return names(uow.session)

        for _ in range(3):
            lookups.remembered(uow.session, Tenant, 'all', counted)

    assert len(calls) == 1


def test_a_change_to_a_row_of_the_model_makes_it_asked_again(database: Database) -> None:
    with database.unit_of_work() as uow:
        before = lookups.remembered(uow.session, Tenant, 'all', lambda: names(uow.session))
        uow.session.add(Tenant(uuid='00000000-0000-4000-8000-000000000001', name='added'))
        uow.session.flush()

        after = lookups.remembered(uow.session, Tenant, 'all', lambda: names(uow.session))

    assert 'added' not in before
    assert 'added' in after


def test_a_new_transaction_asks_again(database: Database) -> None:
    with database.unit_of_work() as uow:
        lookups.remembered(uow.session, Tenant, 'all', lambda: names(uow.session))
    with database.unit_of_work() as uow:
        tenancy.ensure(uow.session, '00000000-0000-4000-8000-000000000002', name='later')
    with database.unit_of_work() as uow:
        found = lookups.remembered(uow.session, Tenant, 'all', lambda: names(uow.session))

    assert found == ['later']


def test_the_tenant_tree_shows_a_tenant_added_in_the_same_transaction(database: Database) -> None:
    root = '00000000-0000-4000-8000-00000000000a'
    child = '00000000-0000-4000-8000-00000000000b'
    with database.unit_of_work() as uow:
        tenancy.ensure(uow.session, root)
        assert tenancy.subtree(uow.session, root) == [root]
        tenancy.ensure(uow.session, child, parent_uuid=root)

        assert tenancy.subtree(uow.session, root) == [root, child]
