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

from sqlalchemy import Insert, Table, bindparam, event, func, insert, inspect, select
from sqlalchemy.orm import Session

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
    if connection.dialect.name == 'postgresql':
        connection.execute(_LOCK, {'key': COMMIT_ORDER_LOCK_KEY})
    # Core inserts, not the ORM's flush of new objects: nothing reads these rows back in
    # the transaction, and the flush was most of the cost of writing an event. Rows of one
    # table with the same columns go in one statement, in the order they were added.
    for (table, keys), group in groupby(rows, key=_shape):
        connection.execute(_insert(table), [_values(row, keys) for row in group])


# A Core statement, not text(): its result's description is then worked out once, not per commit.
_LOCK = select(func.pg_advisory_xact_lock(bindparam('key')))


@cache
def _insert(table: Table) -> Insert:
    return insert(table)


@cache
def _columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, column) names of a model's columns."""
    return tuple((prop.key, prop.columns[0].key) for prop in inspect(cls).column_attrs)


def _shape(row: Base) -> tuple[Table, tuple[tuple[str, str], ...]]:
    # The columns given a value; the others take their default.
    state = vars(row)
    return row.__table__, tuple(names for names in _columns(type(row)) if names[0] in state)  # type: ignore[attr-defined]


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
