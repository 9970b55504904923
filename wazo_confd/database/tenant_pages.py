"""The one read path of every list: a page of rows, their total, statements kept per shape
of request, the kept row counts of counted tables and deep pages started from anchors.

A dao holds one `TenantPages` (its statements and anchors, per process) and gives it a
base statement it keeps (the listed rows of all, one or some tenants, on named
parameters) with the parameters' values. What a resource does differently is declared on
its `SearchConfig`: `counted` (the total of an unfiltered page of one tenant is the row
count kept by triggers, `row_counts`), `anchored_orders` (deep pages of those orders start
from the nearest anchor, `page_anchors`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, String, bindparam, func, select
from sqlalchemy.orm import Session

from . import page_anchors, row_counts
from .page_anchors import Anchors, PageAnchors
from .page_loading import deferred_options, load_related
from .plain_rows import PlainRows
from .search import (
    SearchConfig,
    SearchParams,
    apply_filters,
    apply_order,
    like_pattern,
    order_clauses,
    sort_key,
    storable,
)
from .search_index import exact_on_document

Built = TypeVar('Built')
# Kinds of statement that read the page's rows (the others count or read anchors).
_ROWS = frozenset({'search', 'page', 'deep', 'deep-backwards', 'anchored'})


class TenantPages:
    """Pages of the rows of `model` (ORM instances), or of `plain` (plain objects), or of
    a Core statement (its first column) when neither is given."""

    def __init__(self, config: SearchConfig, model: type | None = None, plain: PlainRows | None = None):
        self.config = config
        self.plain = plain
        self.model: Any = plain.model if plain is not None else model
        self.anchors = PageAnchors()
        # By shape: (the base statement, kept alive here so that its id is not reused; the statement).
        self._kept: dict[tuple, tuple[Select, Any]] = {}

    @cached_property
    def _loaded_here(self) -> list[Any]:
        # On first use: every plugin's model has added its relationships by then.
        return deferred_options(self.model) if self.plain is None and isinstance(self.model, type) else []

    def search(
        self, session: Session, base: Select, values: dict[str, Any], params: SearchParams, tenant: str | None = None
    ) -> tuple[int, list]:
        """The total and the page of `params` of the rows of `base`.

        `base` is a statement the caller keeps, with conditions on named parameters (the
        tenant), `values` the parameters' values. The page's own values (search pattern,
        limit, offset) become named parameters too, so that a request of the same shape
        (same search kind, order, direction, page kind) runs the statement built for the
        first one: building it and computing its cache key was about a third of a page's
        CPU. Exact filters change a statement's shape with their values: those statements
        are built for the request. `tenant`: the one tenant `base` lists, if so."""
        config, dialect = self.config, session.get_bind().dialect.name
        search = params.search or None
        search_shape = None if search is None else (storable(search) and bool(config.search), exact_on_document(search))
        shape = (dialect, search_shape, params.order, params.direction, params.limit is None, bool(params.filters))
        keep = self._keeper(base, shape, kept=not params.filters)
        values = dict(values)
        if search is not None:
            values['search_pattern'] = like_pattern(search) if storable(search) else ''
        filtered = lambda: apply_filters(  # noqa: E731
            base, config, params, dialect, pattern=bindparam('search_pattern', type_=String)
        )
        if params.limit is not None:
            values['page_limit'] = params.limit
        if search is not None and not params.offset:
            # A search's rows are found (and rechecked) once for the count and the first
            # page: counted in the same pass. With no offset, no row means a total of zero.
            rows = self._read(session, keep('search', lambda: self._search_page(filtered(), params, dialect)), values)
            return (rows[0][-1] if rows else 0), self._items(session, rows)
        # The whole tenant: its kept row count, when its table is counted.
        whole = not params.search and not params.filters and params.ids is None
        counted = whole and tenant is not None and config.counted and dialect == 'postgresql'
        changes = 0
        if counted:
            assert tenant is not None
            total, changes = row_counts.tenant_rows(session, self.model.__tablename__, tenant)
        else:
            total = session.connection().execute(keep('count', lambda: self._count(filtered())), values).scalar() or 0
        if total == 0 or params.offset >= total:
            return total, []
        page: tuple[Callable[[], Select], dict[str, Any], str] | None = None
        if counted and params.order in config.anchored_orders:
            anchors = self._anchors(session, keep, filtered, values, params, (tenant, total, changes))
            if anchors is not None:
                page = _anchored_page(filtered, config, params, anchors)
        build, page_values, kind = page or _page(filtered, config, params, total)
        values.update(page_values)
        return total, self._items(session, self._read(session, keep(kind, build), values))

    def _keeper(self, base: Select, shape: tuple, kept: bool) -> Callable[[str, Callable[[], Any]], Any]:
        """The statement of this shape and kind, built once (when `kept`): SQLAlchemy then
        finds its compiled form without computing its cache key again (the key is
        memoized on the statement object). ORM row statements get the page's loader options."""

        def keep(kind: str, build: Callable[[], Built]) -> Built:
            made = (lambda: self._with_options(build())) if kind in _ROWS else build
            if not kept:
                return made()
            key = (id(base), *shape, kind)
            found = self._kept.get(key)
            if found is None or found[0] is not base:
                found = self._kept[key] = (base, made())
            return found[1]

        return keep

    def _with_options(self, statement: Any) -> Any:
        return statement.options(*self._loaded_here) if self._loaded_here else statement

    def _read(self, session: Session, statement: Select, values: dict[str, Any]) -> list[Any]:
        if self.plain is None and isinstance(self.model, type):
            return list(session.execute(statement, values).unique().all())
        return list(session.connection().execute(statement, values).all())

    def _items(self, session: Session, rows: list[Any]) -> list[Any]:
        """The page's objects, of rows whose first column is the object (or whose first
        columns are the plain row's), extra columns after it ignored."""
        if self.plain is not None:
            return self.plain.build(session, rows)
        items = [row[0] for row in rows]
        if self._loaded_here:
            load_related(session, self.model, items)
        return items

    def _count(self, filtered: Select) -> Select:
        counted = filtered.with_only_columns(*self.plain.columns[:1]) if self.plain is not None else filtered
        return select(func.count()).select_from(counted.order_by(None).subquery())

    def _search_page(self, filtered: Select, params: SearchParams, dialect: str) -> Select:
        if self.plain is not None and dialect == 'postgresql' and getattr(self.config.tiebreak, 'primary_key', False):
            return _narrow_search(filtered, self.plain, self.config, params)
        page = apply_order(
            filtered.add_columns(func.count().over()), self.config, params, walk_index=dialect != 'postgresql'
        )
        return page.limit(bindparam('page_limit', type_=Integer)) if params.limit is not None else page

    def _anchors(
        self,
        session: Session,
        keep: Callable[[str, Callable[[], Any]], Any],
        filtered: Callable[[], Select],
        values: dict[str, Any],
        params: SearchParams,
        known: tuple[str | None, int, int],
    ) -> Anchors | None:
        """The anchors of the page's tenant and order, read if they are not known for its
        row count and change serial (`known`); None when the walk from the nearer end is
        shorter than the anchors' spacing."""
        tenant, total, changes = known
        if min(params.offset, page_extent(params, total)[1]) < page_anchors.SPACING:
            return None
        config = self.config
        scope = (tenant, params.order, params.direction)
        anchors = self.anchors.get(scope, changes, total)
        if anchors is None:
            statements = keep(
                'anchors',
                lambda: page_anchors.anchor_statements(
                    filtered(), sort_key(config, params), config.tiebreak, order_clauses(config, params)
                ),
            )
            # A write committed between the count and these reads makes this one page as
            # approximate as the count already was; the next page sees a new serial.
            ascending = params.direction == 'asc'
            anchors = self.anchors.read(session.connection(), statements, values, scope, changes, total, ascending)
        return anchors


def run_search(session: Session, query: Select, config: SearchConfig, params: SearchParams) -> tuple[int, list]:
    """A page of a statement built for this request (nothing kept): ORM instances of its
    entity, or its first column."""
    entity = query.column_descriptions[0].get('entity')
    return TenantPages(config, entity if isinstance(entity, type) else None).search(session, query, {}, params)


def _narrow_search(filtered: Select, plain: PlainRows, config: SearchConfig, params: SearchParams) -> Select:
    """A search's page in one statement: the matching keys counted and sorted first, as
    narrow rows, then only the page's rows read whole. Sorting and counting the whole
    rows of a common name (2,500 matches) doubled the statement's time."""
    key = config.tiebreak
    keys = apply_order(
        filtered.with_only_columns(key.label('page_key'), func.count().over().label('page_total')),
        config,
        params,
        walk_index=False,
    )
    if params.limit is not None:
        keys = keys.limit(bindparam('page_limit', type_=Integer))
    page = keys.subquery('page')
    return apply_order(
        plain.select().add_columns(page.c.page_total).join_from(key.table, page, key == page.c.page_key),
        config,
        params,
    )


def _anchored_page(
    filtered: Callable[[], Select], config: SearchConfig, params: SearchParams, anchors: Anchors
) -> tuple[Callable[[], Select], dict[str, Any], str] | None:
    """A deep page started from the nearest anchor, as `_page` gives it; None when the
    page cannot start from an anchor."""
    start = anchors.start(params.offset, params.limit)
    if start is None:
        return None
    position, anchor_key, anchor_tiebreak = start
    tiebreak, ascending = config.tiebreak, anchors.ascending

    def page() -> Select:
        # The page's keys first (an index-only walk of the skipped entries), then its rows.
        query = filtered()
        keys = page_anchors.from_anchor(
            query.with_only_columns(tiebreak), sort_key(config, params), tiebreak, ascending
        )
        keys = apply_order(keys, config, params).offset(bindparam('page_offset', type_=Integer))
        if params.limit is not None:
            keys = keys.limit(bindparam('page_limit', type_=Integer))
        return rows_of_keys(query, keys, config, params)

    anchored = {'anchor_key': anchor_key, 'anchor_tiebreak': anchor_tiebreak, 'page_offset': params.offset - position}
    return page, anchored, 'anchored'


def _page(
    filtered: Callable[[], Select], config: SearchConfig, params: SearchParams, total: int
) -> tuple[Callable[[], Select], dict[str, int], str]:
    """The page's statement on named parameters: (statement builder, values, kind of page)."""
    key = config.tiebreak
    limit = bindparam('page_limit', type_=Integer)
    offset = bindparam('page_offset', type_=Integer)
    if not params.offset or key is None or not getattr(key, 'primary_key', False):

        def first() -> Select:
            page = apply_order(filtered(), config, params).offset(offset)
            return page.limit(limit) if params.limit is not None else page

        return first, {'page_offset': params.offset}, 'page'
    # Deep page: find the page's keys first, an index-only walk when an index covers the
    # sort, then read only those rows, instead of reading and discarding every skipped row.
    size, after = page_extent(params, total)
    # Nearer the end: the same keys walked from the end, skipping `after` rows instead of
    # `offset` (every sort key reversed, NULLs included, is the exact reverse order).
    backwards = after < params.offset

    def deep() -> Select:
        query = filtered()
        if backwards:
            reverse = replace(params, direction='asc' if params.direction == 'desc' else 'desc')
            keys = apply_order(query.with_only_columns(key), config, reverse).offset(offset).limit(limit)
        else:
            keys = apply_order(query.with_only_columns(key), config, params).offset(offset)
            if params.limit is not None:
                keys = keys.limit(limit)
        return rows_of_keys(query, keys, config, params)

    if backwards:
        return deep, {'page_offset': after, 'page_limit': size}, 'deep-backwards'
    return deep, {'page_offset': params.offset}, 'deep'


def page_extent(params: SearchParams, total: int) -> tuple[int, int]:
    """The number of rows of the page, and of the rows after it."""
    size = total - params.offset if params.limit is None else min(params.limit, total - params.offset)
    return size, total - params.offset - size


def rows_of_keys(query: Select, keys: Select, config: SearchConfig, params: SearchParams) -> Select:
    """The rows of `query` whose tiebreak key `keys` (a page's keys) selects, in order."""
    return apply_order(query.where(config.tiebreak.in_(keys.correlate(None).scalar_subquery())), config, params)
