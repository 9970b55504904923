"""What lets PostgreSQL use an index for `search` and for deep pages.

`search` is a case- and accent-insensitive substring match OR-ed over several columns, which
no B-tree can serve. On PostgreSQL each searchable table may carry one trigram (pg_trgm) GIN
index over the folded concatenation of its searched columns (its "search document"); a row
that matches any column also matches the document, so `document LIKE pattern` is a safe
prefilter the index answers, and the exact per-column test runs on the few rows it keeps.

The document is derived from the SearchConfig, so the query and the index stay the same
expression; when a searched column is anything but a column of the listed table (a subquery,
another table's column), no document is derived and search runs without the prefilter.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

from sqlalchemy import String, cast, func, literal
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import (
    BinaryExpression,
    BindParameter,
    Cast,
    ClauseList,
    ColumnElement,
    ExpressionClauseList,
    Grouping,
    Null,
    TypeClause,
)
from sqlalchemy.sql.functions import Function
from sqlalchemy.sql.schema import Column

# The folding the index is built on: lower(unaccent(...)) made IMMUTABLE (see migration 0500).
FOLD_FUNCTION = 'confd_fold'


def _is_null(expression: Any) -> bool:
    return isinstance(expression, Null) or (isinstance(expression, Cast) and isinstance(expression.clause, Null))


def _is_plain(expression: Any, table: Any) -> bool:
    """Only columns of `table`, constants, casts, coalesce() and string concatenation."""
    for element in visitors.iterate(expression):
        if isinstance(element, Column):
            if element.table is not table:
                return False
        elif isinstance(element, Function):
            if element.name != 'coalesce':
                return False
        elif isinstance(element, (BinaryExpression, ExpressionClauseList)):
            if element.operator is not operators.concat_op:
                return False
        elif not isinstance(element, (BindParameter, Null, Cast, TypeClause, ClauseList, Grouping)):
            return False
    return True


def _expression(column: Any) -> Any:
    clause = getattr(column, '__clause_element__', None)
    return clause() if clause is not None else column


def search_document(columns: list[Any]) -> ColumnElement | None:
    """The text whose folded form the trigram index holds, or None if it cannot be indexed."""
    columns = [_expression(column) for column in columns]
    tables = {c.table for column in columns for c in visitors.iterate(column) if isinstance(c, Column)}
    if len(tables) != 1:
        return None
    table = tables.pop()
    parts: list[ColumnElement[Any]] = []
    for column in columns:
        if _is_null(column):
            continue  # never matches: nothing to index
        if not _is_plain(column, table):
            return None
        if not isinstance(getattr(column, 'type', None), String):
            column = cast(column, String)
        parts.append(func.coalesce(column, ''))
    if not parts:
        return None
    return reduce(lambda left, right: left.op('||')(literal(' ')).op('||')(right), parts)


def exact_on_document(term: str) -> bool:
    """Whether matching the document is exactly matching one of its columns.

    Columns are joined by a space, so only a match containing a space can straddle two of
    them. ASCII characters fold to themselves, and no letter (Python's `isalpha`, accented
    or not) folds to text with a space: checked over every letter against PostgreSQL's
    unaccent rules. Other characters may (some fractions do), so a term holding one, or a
    space, is checked column by column.
    """
    return all((c.isascii() and not c.isspace()) or c.isalpha() for c in term)


def prefilter(columns: list[Any], folded_pattern: Any) -> ColumnElement | None:
    """`fold(document) LIKE pattern`, the index-served superset of the search condition."""
    document = search_document(columns)
    if document is None:
        return None
    return getattr(func, FOLD_FUNCTION)(document).like(folded_pattern, escape='\\')
