"""Generic data access: tenant-scoped lookups, search in SQL, create, edit, delete."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, bindparam, delete, insert, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstanceState, Mapper, Session, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from wazo_confd.database import constraints, lookups
from wazo_confd.database.plain_rows import PlainRows
from wazo_confd.database.search import SearchConfig, SearchParams, storable
from wazo_confd.database.tenant_pages import TenantPages
from wazo_confd.database.uow import READ_ONLY, Database
from wazo_confd.errors import ResourceError, already_exists, not_found
from wazo_confd.tenancy import TenantScope

Model = TypeVar('Model')
MAX_ID = 2**31 - 1
_CREATED = 'created_rows'  # in a session's info: identity keys of the rows `create` inserted


class CRUDDao(Generic[Model]):
    model: ClassVar[type[Any]]
    resource_name: ClassVar[str]
    search_config: ClassVar[SearchConfig]
    id_column: ClassVar[str] = 'id'
    # The column a list's ids (`?uuid=a,b`) are of; `id_column` by default.
    ids_column: ClassVar[str | None] = None
    # Platform-wide resources (registrars, SIP transports) belong to no tenant.
    tenant_scoped: ClassVar[bool] = True
    # The column holding the row's tenant (a tenant's is its own uuid).
    tenant_column: ClassVar[str] = 'tenant_uuid'
    # Read-only relationships a row just created cannot be in yet (their association rows
    # are written by other requests): set empty on create instead of queried.
    empty_on_create: ClassVar[tuple[str, ...]] = ()
    # The same, of the relations other plugins contribute (kit/contributions.py).
    contributed_empty: set[str] | frozenset[str] = frozenset()

    def __init__(self, database: Database):
        self.database = database
        self._key_queries: dict[tuple[str, tuple[str, ...]], Select] = {}
        self._search_bases: dict[tuple[str, bool], Select] = {}

    @property
    def session(self) -> Session:
        return self.database.session()

    def base_query(self) -> Select:
        return select(self.model)

    def scoped(self, query: Select, tenant_uuids: Sequence[str] | None) -> Select:
        if tenant_uuids is None or not self.tenant_scoped:
            return query
        tenant = getattr(self.model, self.tenant_column)
        if len(tenant_uuids) == 1:
            # Equality, not IN: lets PostgreSQL walk a (tenant_uuid, sort key) index in order.
            return query.where(tenant == tenant_uuids[0])
        return query.where(tenant.in_(tenant_uuids))

    @cached_property
    def plain(self) -> PlainRows | None:
        """Set to list plain rows (`PlainRows`) instead of ORM instances."""
        return None

    @cached_property
    def pages(self) -> TenantPages:
        """The lists' kept statements and anchors (`tenant_pages`), per process."""
        return TenantPages(self.search_config, self.model, self.plain)

    def search(self, params: SearchParams, tenant_uuids: Sequence[str] | None) -> tuple[int, list[Model]]:
        values: dict[str, Any] = {}
        if tenant_uuids is None or not self.tenant_scoped:
            tenants = 'all'
        elif len(tenant_uuids) == 1:
            # Equality, not IN: lets PostgreSQL walk a (tenant_uuid, sort key) index in order.
            tenants, values['tenant_uuid'] = 'one', tenant_uuids[0]
        else:
            tenants, values['tenant_uuids'] = 'many', list(tenant_uuids)
        if params.ids is not None:
            values['ids'] = [i for i in params.ids if storable(i)]
        base = self._search_base(tenants, params.ids is not None)
        return self.pages.search(self.session, base, values, params, values.get('tenant_uuid'))

    def _search_base(self, tenants: str, with_ids: bool) -> Select:
        """The listed rows of some tenants (`all`, `one`, `many`) and ids, on named
        parameters: built once, kept (`TenantPages` keeps its statements per base)."""
        query = self._search_bases.get((tenants, with_ids))
        if query is not None:
            return query
        query = self.plain.select() if self.plain is not None else self.base_query()
        tenant: Any = getattr(self.model, self.tenant_column, None)
        if tenants == 'one':
            query = query.where(tenant == bindparam('tenant_uuid'))
        elif tenants == 'many':
            query = query.where(tenant.in_(bindparam('tenant_uuids', expanding=True)))
        if with_ids:
            ids = getattr(self.model, self.ids_column or self.id_column)
            query = query.where(ids.in_(bindparam('ids', expanding=True)))
        self._search_bases[(tenants, with_ids)] = query
        return query

    def find_by(self, tenant_uuids: Sequence[str] | None = None, **criteria: Any) -> Model | None:
        session = self.session
        key = (tuple(tenant_uuids) if tenant_uuids is not None else None, tuple(sorted(criteria.items())))

        def lookup() -> Model | None:
            query = self.scoped(self.base_query(), tenant_uuids).filter_by(**criteria)
            # One row: in a read, its related rows in the same statement rather than one
            # more each; in a write, only those used, once used (a uniqueness check uses
            # none; and a joined row could not be refreshed FOR UPDATE by `lock`).
            query = query.options(*_one_row_loading(self.model, joined=bool(session.info.get(READ_ONLY))))
            # Lookups made by validators must not flush the change they are validating.
            with session.no_autoflush:
                return session.scalars(query.limit(1)).unique().first()

        return lookups.remembered(session, self.model, key, lookup)

    def find_any_by(self, **criteria: Any) -> Model | None:
        """The row, in any tenant, with these values, for a check that expects none (a
        name or code taken): its primary key through Core first, so that finding nothing
        costs no ORM work, then the row itself when there is one. Remembered as `find_by` is."""
        session = self.session

        def lookup() -> Model | None:
            key = self.key_by(_primary_key_attribute(self.model), **criteria)
            if key is None:
                return None
            with session.no_autoflush:
                return session.get(self.model, key)

        # Not `find_by`'s key: a dao's base query may leave rows out (templates).
        return lookups.remembered(session, self.model, ('any', tuple(sorted(criteria.items()))), lookup)

    def key_by(self, key: str, **criteria: Any) -> Any:
        """The `key` column of a row, in any tenant, with these values; None when there is
        none. Not the row itself: a uniqueness check needs no more."""
        return self.session.connection().execute(self._key_query(key, tuple(criteria)), criteria).scalar()

    def _key_query(self, key: str, names: tuple[str, ...]) -> Select:
        # Built once per shape: building a statement costs more than running it here.
        shape = (key, names)
        query = self._key_queries.get(shape)
        if query is None:
            query = select(getattr(self.model, key)).limit(1)
            for name in names:
                query = query.where(getattr(self.model, name) == bindparam(name))
            self._key_queries[shape] = query
        return query

    def get_by(self, tenant_uuids: Sequence[str] | None = None, **criteria: Any) -> Model:
        found = self.find_by(tenant_uuids, **criteria)
        if found is None:
            raise not_found(self.resource_name, **criteria)
        return found

    def get(self, resource_id: Any, tenant_uuids: Sequence[str] | None) -> Model:
        if isinstance(resource_id, int) and not 0 <= resource_id <= MAX_ID:
            # Beyond the column's range: no such row (and no database error).
            raise not_found(self.resource_name, **{self.id_column: resource_id})
        return self.get_unique(tenant_uuids, **{self.id_column: resource_id})

    def get_unique(self, tenant_uuids: Sequence[str] | None, **key: Any) -> Model:
        """By a key no two rows share in any tenant (primary key, uuid). Given a
        `TenantScope`, the row is found by its key alone and its tenant checked after: the
        scope's descendants are then looked up only for a row of another tenant."""
        if not isinstance(tenant_uuids, TenantScope) or not self.tenant_scoped:
            return self.get_by(tenant_uuids, **key)
        found = self.find_by(None, **key)
        if found is None or self.tenant_of(found) not in tenant_uuids:
            raise not_found(self.resource_name, **key)
        return found

    def tenant_of(self, obj: Model) -> str:
        """The tenant `scoped` compares with the tenants it is given."""
        return getattr(obj, self.tenant_column)

    def lock(self, obj: Model) -> None:
        """Wait for concurrent changes of this row and reload it (SELECT ... FOR UPDATE).

        Not a row this transaction inserted: no other transaction can see it, let alone
        change it, before the commit (a nested POST /users links the user, line and
        extension it has just created)."""
        self.session.flush()
        if created_in_transaction(self.session, obj):
            return
        self.session.refresh(obj, with_for_update=True)

    def conflict_metadata(self, obj: Model | None) -> dict[str, Any]:
        """What an `already exists` error names when a unique constraint refuses `obj`."""
        return {}

    def flush(self, obj: Model | None = None) -> None:
        """Flush, reporting as a 400 what a concurrent request can cause: a unique value it
        took first (`already exists`), a row it deleted that this one refers to. The
        validators check everything else before the write: a NOT NULL or CHECK constraint
        that refuses it is a missing validation, our bug, left to be a logged 500."""
        try:
            self.session.flush()
        except IntegrityError as e:
            kind = constraints.violated(e)
            if kind == 'unique':
                raise already_exists(self.resource_name, **self.conflict_metadata(obj)) from e
            if kind == 'foreign_key':
                raise ResourceError(f'{self.resource_name} refers to a resource that no longer exists') from e
            raise

    def create(self, obj: Model) -> Model:
        self.session.add(obj)
        self.flush(obj)
        state: InstanceState[Model] = inspect(obj, raiseerr=True)
        self.session.info.setdefault(_CREATED, set()).add(state.identity_key)
        for key in (*self.empty_on_create, *self.contributed_empty):
            if key in state.unloaded:
                mapper: Mapper[Any] = inspect(self.model)
                relationship = mapper.relationships[key]
                set_committed_value(obj, key, [] if relationship.uselist else None)
        return obj

    def edit(self, obj: Model) -> None:
        self.flush(obj)

    def changed_fields(self, obj: Model) -> frozenset[str]:
        """The attributes of `obj` given another value since it was loaded (before a flush)."""
        state: Any = inspect(obj)
        return frozenset(key for key in state.committed_state if state.attrs[key].history.has_changes())

    def delete(self, obj: Model) -> None:
        self.session.delete(obj)
        self.session.flush()


def _primary_key_attribute(model: type) -> str:
    mapper: Mapper[Any] = inspect(model)
    [column] = mapper.primary_key
    return mapper.get_property_by_column(column).key


def created_in_transaction(session: Session, obj: Any) -> bool:
    """Whether `create` inserted this row in the session's transaction."""
    return inspect(obj).identity_key in session.info.get(_CREATED, ())


def _one_row_loading(model: type, joined: bool) -> list[Any]:
    """Loader options, for one row, of the relationships a model loads `selectin` for lists."""
    option = joinedload if joined else lazyload
    mapper: Mapper[Any] = inspect(model)
    return [option(getattr(model, rel.key)) for rel in mapper.relationships if rel.lazy == 'selectin']


def replace_ordered_links(
    session: Session, link: type, left: tuple[str, Any], right_column: str, right_ids: Sequence[Any]
) -> None:
    """Make the rows of an ordered link table for one left object exactly `right_ids`, their
    `priority` their position (0 first): the writes of a `PUT /a/{id}/bs` list."""
    left_column, left_id = left
    session.execute(delete(link).where(getattr(link, left_column) == left_id))
    if right_ids:
        rows = [
            {left_column: left_id, right_column: right_id, 'priority': position}
            for position, right_id in enumerate(right_ids)
        ]
        session.execute(insert(link), rows)
