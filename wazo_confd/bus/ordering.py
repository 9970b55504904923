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

from sqlalchemy import event, text
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
    if session.get_bind().dialect.name == 'postgresql':
        session.execute(text('SELECT pg_advisory_xact_lock(:key)'), {'key': COMMIT_ORDER_LOCK_KEY})
    session.add_all(rows)
    session.flush()


def _forget_pending(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)


def install() -> None:
    """Hook the commit of every session (idempotent)."""
    if not event.contains(Session, 'before_commit', _insert_pending):
        event.listen(Session, 'before_commit', _insert_pending)
        event.listen(Session, 'after_rollback', _forget_pending)
