"""Tenants: the rows every tenant-scoped object hangs from, and the tenant tree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import cast, overload

from sqlalchemy import DateTime, ForeignKey, String, Table, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from wazo_confd.database import lookups
from wazo_confd.database.base import Base, new_uuid, utcnow
from wazo_confd.database.uow import TENANT_CREATED_HOOKS, TENANT_DELETED_HOOKS


class Tenant(Base):
    __tablename__ = 'tenant'

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    slug: Mapped[str | None] = mapped_column(String(10))
    parent_uuid: Mapped[str | None] = mapped_column(
        String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def slugify(name: str) -> str:
    slug = re.sub(r'[^a-zA-Z0-9_]', '', name or '')[:10]
    return slug or 'tenant'


def get(session: Session, tenant_uuid: str) -> Tenant | None:
    return session.get(Tenant, tenant_uuid)


def ensure(session: Session, tenant_uuid: str, **attrs: str | None) -> Tenant:
    """Return the tenant row, creating it the first time this tenant is seen.

    A new tenant gets the data the plugins create for every tenant (their
    `Database.on_tenant_created` hooks), in the same transaction.
    """
    tenant = session.get(Tenant, tenant_uuid)
    if tenant is None:
        if _insert_if_absent(session, {'uuid': tenant_uuid, **attrs}):
            created(session, tenant_uuid)
        tenant = session.get(Tenant, tenant_uuid)
        assert tenant is not None
    return tenant


def _insert_if_absent(session: Session, values: dict) -> bool:
    """Insert the tenant row unless it exists; True if this transaction inserted it.

    Requests in several worker processes, the tenant sync and the bus consumer may all see
    a tenant first at once: a plain check-then-insert lets two of them insert (a duplicate
    key). With ON CONFLICT DO NOTHING, PostgreSQL makes a second inserter wait for the
    first one's transaction and then do nothing (or insert, if that one rolled back), so
    only one transaction runs the tenant-created hooks; SQLite's writers are serialized.
    """
    session.flush()  # pending objects first, as an ORM insert would
    insert = postgresql.insert if session.get_bind().dialect.name == 'postgresql' else sqlite.insert
    table = cast(Table, Tenant.__table__)
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=['uuid'])
    inserted = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    if inserted:
        lookups.forget(session, Tenant)
    return inserted


def ensure_exists(session: Session, tenant_uuid: str) -> None:
    """`ensure` for a write that only needs the row to exist: a plain lookup of its key
    first, the ORM's only the first time (a third of the cost of `ensure` when it exists)."""
    # Remembered for the transaction: a nested POST /users checks the tenant of each object.
    exists = lookups.remembered(
        session,
        Tenant,
        ('exists', tenant_uuid),
        lambda: session.connection().execute(_EXISTS, {'uuid': tenant_uuid}).first() is not None,
    )
    if not exists:
        ensure(session, tenant_uuid)


_EXISTS = select(Tenant.uuid).where(Tenant.uuid == bindparam('uuid'))


def created(session: Session, tenant_uuid: str) -> None:
    """Run the plugins' `Database.on_tenant_created` hooks for a tenant row just added
    (by `ensure`, or by whoever else inserts tenants)."""
    for hook in session.info.get(TENANT_CREATED_HOOKS, ()):
        hook(session, tenant_uuid)


def removing(session: Session, tenant_uuid: str) -> None:
    """Run the plugins' `Database.on_tenant_deleted` hooks for a tenant about to be deleted
    (by `remove`, or by whoever else deletes tenants), while its objects are still there."""
    hooks = session.info.get(TENANT_DELETED_HOOKS, ())
    if hooks:
        tenant_uuids = subtree(session, tenant_uuid)
        for hook in hooks:
            hook(session, tenant_uuids)


def remove(session: Session, tenant_uuid: str) -> bool:
    """Delete the tenant; its objects and sub-tenants go with it (ON DELETE CASCADE)."""
    tenant = session.get(Tenant, tenant_uuid)
    if tenant is None:
        return False
    removing(session, tenant_uuid)
    session.delete(tenant)
    session.flush()
    return True


def subtree(session: Session, tenant_uuid: str) -> list[str]:
    """The tenant and all its descendants."""
    children = _tree(session)
    result, stack = [], [tenant_uuid]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(children.get(current, []))
    return result


def _tree(session: Session) -> dict[str | None, list[str]]:
    """The children of each tenant, read once per transaction (until a tenant row changes):
    a request that creates a line, its extension and its voicemail asks five times."""

    def read() -> dict[str | None, list[str]]:
        children: dict[str | None, list[str]] = {}
        for uuid, parent in session.execute(select(Tenant.uuid, Tenant.parent_uuid)).all():
            children.setdefault(parent, []).append(uuid)
        return children

    return lookups.remembered(session, Tenant, 'tree', read)


def new_master(session: Session) -> Tenant:
    return ensure(session, new_uuid(), name='master', slug='master')


class TenantScope(Sequence[str]):
    """The tenants an item lookup may see: the selected tenant and its descendants.

    The descendants are looked up (`resolve`) only when needed: asking whether the selected
    tenant itself is in scope, the usual case of an object found by its key, costs nothing.
    As a sequence it is the whole list, looked up once.
    """

    def __init__(self, root: str, resolve: Callable[[], list[str]]):
        self.root = root
        self._resolve = resolve
        self._tenants: list[str] | None = None

    def _all(self) -> list[str]:
        if self._tenants is None:
            self._tenants = self._resolve()
        return self._tenants

    def __contains__(self, tenant_uuid: object) -> bool:
        return tenant_uuid == self.root or tenant_uuid in self._all()

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __repr__(self) -> str:
        return f'TenantScope({self.root!r})'
