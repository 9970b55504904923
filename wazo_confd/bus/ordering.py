"""Outbox rows numbered in commit order.

A sequence hands out ids in the order transactions *ask*, not the order they *commit*: a
transaction that took id 10 may commit after the one that took id 11, and a relay reading
`ORDER BY id` would then send a resource's changes out of order. So the rows of the outboxes
are not inserted when a notifier writes them but at the very end of the transaction: its
other changes are flushed first (taking their row locks), then, on PostgreSQL, a
transaction-level advisory lock is taken, the outbox rows inserted and the transaction
committed. The lock is held until the commit is visible, so ids are given in commit order.
SQLite serialises writers anyway (BEGIN IMMEDIATE), which gives the same property.
"""

from __future__ import annotations

from functools import cache
from itertools import groupby
from typing import Any

from sqlalchemy import Insert, Table, bindparam, cast, event, func, insert, inspect, select, union_all
from sqlalchemy.orm import Mapper, Session

from wazo_confd.database.base import Base

COMMIT_ORDER_LOCK_KEY = 0x57A20C01  # "wazo-confd outbox commit order"
_PENDING = 'commit_ordered_rows'


def add_in_commit_order(session: Session, row: Base) -> None:
    """Insert `row` when `session` commits, numbered in commit order."""
    session.info.setdefault(_PENDING, []).append(row)
    session.info['wrote'] = True


def pending(session: Session) -> list[Base]:
    return session.info.get(_PENDING, [])


def _insert_pending(session: Session) -> None:
    rows = session.info.pop(_PENDING, None)
    if not rows:
        return
    session.flush()
    connection = session.connection()
    # Core inserts, not the ORM's flush of new objects: nothing reads these rows back in
    # the transaction, and the flush was most of the cost of writing an event. Rows of one
    # table with the same columns go in one statement, in the order they were added.
    groups = [
        (table, keys, [_values(row, keys) for row in group]) for (table, keys), group in groupby(rows, key=_shape)
    ]
    if connection.dialect.name == 'postgresql':
        table, keys, values = groups.pop(0)
        if len(values) <= _LOCKED_INSERT_MAX_ROWS:
            # The lock and the first rows in one statement: one round trip less per write.
            defaults = _python_defaults(table, keys)
            params = {'key': COMMIT_ORDER_LOCK_KEY}
            for n, row in enumerate(values):
                params.update((f'{column}_{n}', value) for column, value in {**defaults, **row}.items())
            columns = tuple(column for _attribute, column in keys) + tuple(defaults)
            connection.execute(_locked_insert(table, columns, len(values)), params)
        else:
            connection.execute(_LOCK, {'key': COMMIT_ORDER_LOCK_KEY})
            connection.execute(_insert(table), values)
    for table, _keys, values in groups:
        connection.execute(_insert(table), values)


# A Core statement, not text(): its result's description is then worked out once, not per commit.
_LOCK = select(func.pg_advisory_xact_lock(bindparam('key')))
_LOCKED_INSERT_MAX_ROWS = 16  # more rows at once are rare: the lock then goes alone


@cache
def _insert(table: Table) -> Insert:
    return insert(table)


@cache
def _locked_insert(table: Table, columns: tuple[str, ...], count: int) -> Insert:
    """INSERT of `count` rows that first takes the commit-order lock (PostgreSQL).

    The rows are selected from a CTE that takes the lock: no row reaches the INSERT, and
    so none is given its id from the sequence, before the lock is held.
    """
    lock = select(func.pg_advisory_xact_lock(bindparam('key')).label('locked')).cte('commit_order')
    rows = [
        select(
            *(cast(bindparam(f'{column}_{n}', type_=table.c[column].type), table.c[column].type) for column in columns)
        ).select_from(lock)
        for n in range(count)
    ]
    source = rows[0] if count == 1 else union_all(*rows)
    return insert(table).from_select(list(columns), source, include_defaults=False)


def _python_defaults(table: Table, keys: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The values of the column defaults computed in Python (`created_at`) for the columns
    not given: an INSERT from a SELECT leaves them to the caller."""
    return {
        column: default.arg(None) if default.is_callable else default.arg
        for column, default in _defaults_not_given(table, keys)
    }


@cache
def _defaults_not_given(table: Table, keys: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Any], ...]:
    given = {column for _attribute, column in keys}
    return tuple(
        (column.key, column.default)
        for column in table.columns
        if column.key not in given
        and column.default is not None
        and (column.default.is_callable or column.default.is_scalar)
    )


@cache
def _columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, column) names of a model's columns."""
    mapper: Mapper[Any] = inspect(cls)
    return tuple((prop.key, prop.columns[0].key) for prop in mapper.column_attrs)


def _shape(row: Base) -> tuple[Table, tuple[tuple[str, str], ...]]:
    # The columns given a value; the others take their default.
    state = vars(row)
    table = row.__table__
    assert isinstance(table, Table)  # every model maps one table
    return table, tuple(names for names in _columns(type(row)) if names[0] in state)


def _values(row: Base, keys: tuple[tuple[str, str], ...]) -> dict:
    state = vars(row)
    return {column: state[attribute] for attribute, column in keys}


def _forget_pending(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)


def install() -> None:
    """Hook the commit of every session (idempotent)."""
    if not event.contains(Session, 'before_commit', _insert_pending):
        event.listen(Session, 'before_commit', _insert_pending)
        event.listen(Session, 'after_rollback', _forget_pending)
