"""Pages of plain rows with their statements kept per shape of request, and deep pages
started from remembered positions (`page_anchors`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, String, bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from . import page_anchors
from .page_anchors import PageAnchors
from .plain_rows import PlainRows
from .search import (
    SearchConfig,
    SearchParams,
    apply_filters,
    apply_order,
    like_pattern,
    order_clauses,
    page_extent,
    rows_of_keys,
    run_search,
    sort_key,
    storable,
)
from .search_index import exact_on_document

# By shape: (the base statement, kept alive here so that its id is not reused; the statement).
_kept: dict[tuple, tuple[Select, Any]] = {}
Kept = TypeVar('Kept')


def _keep(base: Select, key: tuple, build: Callable[[], Kept]) -> Kept:
    """The statement of this shape, built once: SQLAlchemy then finds its compiled form
    without computing its cache key again (the key is memoized on the statement object)."""
    kept = _kept.get((id(base), *key))
    if kept is None or kept[0] is not base:
        kept = _kept[(id(base), *key)] = (base, build())
    return kept[1]


def run_kept_search(
    session: Session,
    base: Select,
    values: dict[str, Any],
    config: SearchConfig,
    params: SearchParams,
    plain: PlainRows,
    known: KnownRows | None = None,
) -> tuple[int, list]:
    """`run_search` for plain rows, with statements kept per shape of request.

    `base` is a statement the caller keeps (`plain.select()` with conditions on named
    parameters, e.g. the tenant), `values` the parameters' values. The page's own values
    (search pattern, limit, offset) become named parameters too, so that a request of the
    same shape (same search kind, order, direction, page kind) runs the statement built for
    the first one: building it and computing its cache key was about a third of a page's
    CPU. Exact filters change a statement's shape with their values: those go to
    `run_search`. `known`: what the caller knows of the rows of an unfiltered list."""
    if params.filters:
        return run_search(session, base.params(**values), config, params, plain=plain)
    dialect = session.get_bind().dialect.name
    search = params.search or None
    search_shape = None if search is None else (storable(search) and bool(config.search), exact_on_document(search))
    shape = (dialect, search_shape, params.order, params.direction, params.limit is None)
    values = dict(values)
    if search is not None:
        values['search_pattern'] = like_pattern(search) if storable(search) else ''
    filtered = lambda: apply_filters(  # noqa: E731
        base, config, params, dialect, pattern=bindparam('search_pattern', type_=String)
    )
    connection = session.connection()
    if params.limit is not None:
        values['page_limit'] = params.limit
    if search is not None and not params.offset:

        def build_search() -> Select:
            key = config.tiebreak
            if dialect == 'postgresql' and getattr(key, 'primary_key', False):
                return _narrow_search(filtered(), plain, config, params)
            page = apply_order(
                filtered().add_columns(func.count().over()), config, params, walk_index=dialect != 'postgresql'
            )
            return page.limit(bindparam('page_limit', type_=Integer)) if params.limit is not None else page

        rows = connection.execute(_keep(base, (*shape, 'search'), build_search), values).all()
        return (rows[0][-1] if rows else 0), plain.build(session, rows)
    changes = 0
    if known is not None:
        total, changes = known.count()
    else:
        count = _keep(
            base,
            (*shape, 'count'),
            lambda: select(func.count()).select_from(filtered().with_only_columns(*plain.columns[:1]).subquery()),
        )
        total = connection.execute(count, values).scalar() or 0
    if total == 0 or params.offset >= total:
        return total, []
    anchored = None
    if known is not None and params.order in config.anchored_orders:
        anchored = _anchored_page(connection, base, values, filtered, shape, config, params, known, total, changes)
    statement, page_values, kind = anchored or _page_with_parameters(filtered, config, params, total)
    values.update(page_values)
    return total, plain.build(session, connection.execute(_keep(base, (*shape, kind), statement), values).all())


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


@dataclass
class KnownRows:
    """What the caller of `run_kept_search` knows of the rows an unfiltered list pages
    through: their number and change serial without counting (`count`), and where the
    anchors of their orders are kept (`anchors`, under `scope` and the order)."""

    count: Callable[[], tuple[int, int]]
    anchors: PageAnchors
    scope: Hashable


def _anchored_page(
    connection: Connection,
    base: Select,
    values: dict[str, Any],
    filtered: Callable[[], Select],
    shape: tuple,
    config: SearchConfig,
    params: SearchParams,
    known: KnownRows,
    total: int,
    changes: int,
) -> tuple[Callable[[], Select], dict[str, Any], str] | None:
    """A deep page started from the nearest anchor (`page_anchors`), as
    `_page_with_parameters` gives it; None when the usual walk is as short or the page
    cannot start from an anchor."""
    if min(params.offset, page_extent(params, total)[1]) < page_anchors.SPACING:
        return None  # the walk from the nearer end is shorter than the anchors' spacing
    tiebreak, ascending = config.tiebreak, params.direction == 'asc'
    scope = (known.scope, params.order, params.direction)
    anchors = known.anchors.get(scope, changes, total)
    if anchors is None:
        statement = _keep(
            base,
            (*shape, 'anchors'),
            lambda: page_anchors.anchor_statements(
                filtered(), sort_key(config, params), tiebreak, order_clauses(config, params)
            ),
        )
        # A write committed between the count and these reads makes this one page as
        # approximate as the count already was; the next page sees a new serial.
        anchors = known.anchors.read(connection, statement, values, scope, changes, total, ascending)
    start = anchors.start(params.offset, params.limit)
    if start is None:
        return None
    position, anchor_key, anchor_tiebreak = start

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


def _page_with_parameters(
    filtered: Callable[[], Select], config: SearchConfig, params: SearchParams, total: int
) -> tuple[Callable[[], Select], dict[str, int], str]:
    """As `_page`, on named parameters: (statement builder, values, kind of page)."""
    key = config.tiebreak
    limit = bindparam('page_limit', type_=Integer)
    offset = bindparam('page_offset', type_=Integer)
    if not params.offset or key is None or not getattr(key, 'primary_key', False):

        def first() -> Select:
            page = apply_order(filtered(), config, params).offset(offset)
            return page.limit(limit) if params.limit is not None else page

        return first, {'page_offset': params.offset}, 'page'
    size, after = page_extent(params, total)
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
