"""Search, filter and sort in SQL, with the upstream list conventions (pages: `tenant_pages`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Integer, Select, String, and_, cast, false, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from wazo_confd.errors import InputError

from .search_index import exact_on_document, prefilter

MAX_LIMIT = 2**31 - 1


@dataclass
class SearchConfig:
    """Columns a list can be ordered and filtered by, and those `search` looks into."""

    columns: dict[str, Any]
    search: list[str]
    default_sort: str
    sort_insensitive: set[str] = field(default_factory=set)
    tiebreak: Any = None
    # For a searched column that is not a column of the listed table (a related object's),
    # an index-friendly form of "this column matches": folded pattern -> condition.
    search_alternatives: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # PostgreSQL: a stored column holding the folded search document (kept by the database on
    # write, trigram-indexed), used instead of folding the document of each candidate row.
    stored_document: Any = None
    # PostgreSQL: the table's rows per tenant are counted by triggers (`row_counts`), whose
    # count is the total of an unfiltered list of one tenant.
    counted: bool = False
    # Orders whose deep pages may start from remembered positions (`page_anchors`): only
    # those whose column changes the table's change serial counts (`row_counts`), of a
    # counted table.
    anchored_orders: frozenset[str] = frozenset()
    # Exact-match filters whose value is a comma-separated list: a row matching any passes
    # (upstream's users `?exten=1001,1002`).
    listed_filters: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Anchors are kept true by the counted table's change serial, and hold the tiebreak key.
        if self.anchored_orders and (not self.counted or not getattr(self.tiebreak, 'primary_key', False)):
            raise ValueError('anchored orders need a counted table and its primary key as the tiebreak')

    def column(self, name: str) -> Any:
        return self.columns[name]


@dataclass
class SearchParams:
    search: str | None = None
    order: str | None = None
    direction: str = 'asc'
    limit: int | None = None
    offset: int = 0
    filters: dict[str, str] = field(default_factory=dict)
    # The ids the list is restricted to (a list's `?uuid=a,b`), when given.
    ids: list[str] | None = None


def parse_params(config: SearchConfig, raw: dict[str, Any]) -> SearchParams:
    params = SearchParams(
        search=raw.get('search'),
        # An empty `order` or `direction` is a wrong value, not an absent one.
        order=config.default_sort if raw.get('order') is None else raw['order'],
        direction='asc' if raw.get('direction') is None else raw['direction'],
        limit=raw.get('limit'),
        offset=raw.get('offset') or 0,
        filters={k: v for k, v in raw.get('filters', {}).items() if k in config.columns},
    )
    if params.order not in config.columns:
        raise InputError(f"order: column '{params.order}' was not found")
    if params.direction not in ('asc', 'desc'):
        raise InputError("direction: must be 'asc' or 'desc'")
    if params.limit is not None and params.limit <= 0:
        raise InputError("field 'limit': wrong type. Should be a positive number")
    if params.limit is not None and params.limit > MAX_LIMIT:
        params.limit = MAX_LIMIT
    if params.offset < 0:
        raise InputError("field 'offset': wrong type. Should be a positive number")
    return params


def escape_like(text: str) -> str:
    return text.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')


def fold(expression: Any, dialect: str) -> ColumnElement:
    """Case- and accent-insensitive form of a text expression."""
    text = cast(expression, String)
    if dialect == 'postgresql':
        return func.lower(func.unaccent(text))
    return func.fold(text)


def storable(text: str) -> bool:
    """False for text no column can hold (PostgreSQL text has no NUL): it matches nothing."""
    return '\x00' not in text


def _exact(column: Any, value: str) -> ColumnElement:
    if not storable(value):
        return false()
    column_type = getattr(column, 'type', None)
    if isinstance(column_type, Boolean):
        lowered = value.lower()
        if lowered in ('true', '1'):
            return column.is_(True)
        if lowered in ('false', '0'):
            return column.is_(False)
        return false()
    if isinstance(column_type, Integer):
        try:
            number = int(value)
        except ValueError:
            return false()
        if abs(number) > MAX_LIMIT * 4:
            return false()
        return column == number
    return column == value


def apply_filters(
    query: Select, config: SearchConfig, params: SearchParams, dialect: str, pattern: Any = None
) -> Select:
    """`pattern`: an expression standing for the LIKE pattern of `params.search` (a named
    parameter of a statement kept for reuse) instead of the pattern itself."""
    conditions: list[ColumnElement[Any]] = []
    if params.search and (not storable(params.search) or not config.search):
        # No column can hold it, or there is no column to look in: nothing matches.
        conditions.append(false())
    elif params.search:
        if pattern is None:
            pattern = like_pattern(params.search)
        if dialect == 'postgresql':
            # Folded once per statement (an InitPlan), not once per candidate row: unaccent
            # is only STABLE, so PostgreSQL would otherwise call it for every recheck.
            folded_pattern: Any = select(fold(pattern, dialect)).scalar_subquery()
        else:
            folded_pattern = func.fold(pattern)
        indexed = None
        if dialect == 'postgresql':
            if config.stored_document is not None:
                indexed = config.stored_document.like(folded_pattern, escape='\\')
            else:
                own = [config.column(name) for name in config.search if name not in config.search_alternatives]
                indexed = prefilter(own, folded_pattern)
            if indexed is not None:
                related = [config.search_alternatives[name](folded_pattern) for name in config.search_alternatives]
                conditions.append(or_(indexed, *related))
        if indexed is None or not exact_on_document(params.search):
            conditions.append(
                or_(*(fold(config.column(name), dialect).like(folded_pattern, escape='\\') for name in config.search))
            )
    for name, value in params.filters.items():
        values = value.split(',') if name in config.listed_filters else [value]
        conditions.append(or_(*(_exact(config.column(name), one) for one in values)))
    if conditions:
        query = query.where(and_(*conditions))
    return query


def like_pattern(search: str) -> str:
    return f'%{escape_like(search)}%'


def apply_order(query: Select, config: SearchConfig, params: SearchParams, walk_index: bool = True) -> Select:
    """ORDER BY the `order` column, then the tiebreak. `walk_index=False` sorts by an
    expression of the same order that no index holds, so that PostgreSQL cannot choose to
    walk a sort index through the whole tenant filtering each row, rather than fetch the
    rows a search's own index finds and sort those."""
    return query.order_by(*order_clauses(config, params, walk_index))


def sort_key(config: SearchConfig, params: SearchParams) -> Any:
    """The expression rows are sorted by (before the tiebreak)."""
    assert params.order is not None
    column = config.column(params.order)
    return func.lower(column) if params.order in config.sort_insensitive else column


def order_clauses(config: SearchConfig, params: SearchParams, walk_index: bool = True) -> list[Any]:
    assert params.order is not None
    column_type = getattr(config.column(params.order), 'type', None)
    column = sort_key(config, params)
    if not walk_index:
        if isinstance(column_type, String):
            column = column.op('||')(literal(''))
        elif isinstance(column_type, Integer):
            column = column + 0
    ordered = column.desc() if params.direction == 'desc' else column.asc()
    clauses = [ordered]
    if config.tiebreak is not None:
        clauses.append(config.tiebreak.desc() if params.direction == 'desc' else config.tiebreak.asc())
    return clauses
