"""wazo-auth's tenant events applied to the database, idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wazo_confd import tenancy
from wazo_confd.bus.consumer import TenantEventHandler
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    uri = f'sqlite:///{tmp_path}/tenants.sqlite'
    migrations.upgrade(uri)
    db = Database(uri)
    yield db
    db.dispose()


def tenant(database: Database, uuid: str) -> tuple | None:
    with database.new_session() as session:
        row = tenancy.get(session, uuid)
        return None if row is None else (row.name, row.slug, row.parent_uuid)


def test_added_twice_creates_one_tenant_with_its_slug(database: Database) -> None:
    handler = TenantEventHandler(database, lambda: 'master')
    data = {'uuid': 't1', 'name': 'Acme', 'slug': 'acme-slug-too-long'}

    handler.handle('auth_tenant_added', data)
    handler.handle('auth_tenant_added', data)

    assert tenant(database, 't1') == ('Acme', 'acme-slug-', None)


def test_deleted_removes_the_tenant_and_its_subtenants_and_is_idempotent(database: Database) -> None:
    handler = TenantEventHandler(database, lambda: 'master')
    handler.handle('auth_tenant_added', {'uuid': 'parent', 'slug': 'p'})
    handler.handle('auth_tenant_added', {'uuid': 'child', 'slug': 'c', 'parent_uuid': 'parent'})

    handler.handle('auth_tenant_deleted', {'uuid': 'parent'})
    handler.handle('auth_tenant_deleted', {'uuid': 'parent'})

    assert tenant(database, 'parent') is None
    assert tenant(database, 'child') is None


def test_the_master_tenant_is_never_deleted(database: Database) -> None:
    handler = TenantEventHandler(database, lambda: 'master')
    handler.handle('auth_tenant_added', {'uuid': 'master', 'slug': 'master'})

    handler.handle('auth_tenant_deleted', {'uuid': 'master'})

    assert tenant(database, 'master') == (None, 'master', None)


def test_deleted_runs_the_tenant_deleted_hooks_once_with_the_subtree_while_it_exists(database: Database) -> None:
    seen: list[tuple[list[str], bool]] = []
    database.on_tenant_deleted(
        lambda session, uuids: seen.append((sorted(uuids), tenancy.get(session, 'parent') is not None))
    )
    handler = TenantEventHandler(database, lambda: 'master')
    handler.handle('auth_tenant_added', {'uuid': 'parent', 'slug': 'p'})
    handler.handle('auth_tenant_added', {'uuid': 'child', 'slug': 'c', 'parent_uuid': 'parent'})

    handler.handle('auth_tenant_deleted', {'uuid': 'parent'})
    handler.handle('auth_tenant_deleted', {'uuid': 'parent'})

    assert seen == [(['child', 'parent'], True)]
