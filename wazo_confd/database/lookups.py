"""Lookups remembered for the rest of a transaction, until their model's rows change.

One request often asks the same question several times: a nested POST /users looks its
context up by name for the voicemail, the line, the extension and each of their
validators, six identical SELECTs. A lookup is kept in the session's info under its model
and forgotten when the session flushes a change to a row of that model, and at the end of
the transaction. Rows another transaction commits meanwhile are not seen by a remembered
lookup; a uniqueness check that relies on one is backed by the table's constraints anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

_LOOKUPS = 'remembered_lookups'


def remembered(session: Session, model: type, key: Hashable, lookup: Callable[[], Any]) -> Any:
    """`lookup()`, or what it answered earlier in this transaction for the same `key`."""
    try:
        kept = session.info[_LOOKUPS].setdefault(model, {})
    except KeyError:
        kept = {}
        session.info[_LOOKUPS] = {model: kept}
    try:
        return kept[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable criterion: not remembered
        return lookup()
    found = kept[key] = lookup()
    return found


def forget(session: Session, model: type) -> None:
    """Forget the lookups of `model`: its rows changed other than by a flush of the ORM."""
    session.info.get(_LOOKUPS, {}).pop(model, None)


def _forget_changed(session: Session, *_args: object) -> None:
    lookups = session.info.get(_LOOKUPS)
    if not lookups:
        return
    for obj in chain(session.new, session.dirty, session.deleted):
        for cls in type(obj).__mro__:
            lookups.pop(cls, None)


def _forget_all(session: Session, *_args: object) -> None:
    session.info.pop(_LOOKUPS, None)


def install() -> None:
    """Hook every session (idempotent)."""
    if not event.contains(Session, 'before_flush', _forget_changed):
        event.listen(Session, 'before_flush', _forget_changed)
        event.listen(Session, 'after_commit', _forget_all)
        event.listen(Session, 'after_rollback', _forget_all)


install()
