"""Both sides of a link row kept in memory once it is written, rather than read again.

A link plugin writes the rows of an association table (user_line, line_extension,
user_voicemail) that the linked models read through view-only relationships. Expiring
those relationships after each write made the events and the answer read them back: six
SELECTs for a full user in one POST /users. After a link, a side that holds one object
(a user's voicemail, an endpoint's line: the link's unique columns allow no other) is
set to it; a list (a line's users) is set only when it is certain: the row was created
in this transaction, so no other transaction can have linked it, and it held nothing.
Every other case is expired and read again when used.

The same certainty spares the link plugins' own lookups: a row created in this transaction
whose relationship is loaded (set empty at creation, then kept by `linked` and `unlinked`)
has exactly the links it holds there (`known_links`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .dao import created_in_transaction


def linked(session: Session, obj: Any, key: str, other: Any) -> None:
    """A link row between `obj` and `other` was just written: `obj.<key>` holds `other`."""
    state = inspect(obj)
    if not state.mapper.relationships[key].uselist:
        set_committed_value(obj, key, other)
    elif key not in state.unloaded and not getattr(obj, key) and created_in_transaction(session, obj):
        set_committed_value(obj, key, [other])
    else:
        session.expire(obj, [key])


def known_links(session: Session, obj: Any, key: str) -> list[Any] | None:
    """The objects linked to `obj` through `key`, when known without a query: `obj` was
    created in this transaction and `key` is loaded. None when they must be read."""
    state = inspect(obj)
    if key in state.unloaded or not created_in_transaction(session, obj):
        return None
    value = state.dict.get(key)
    if state.mapper.relationships[key].uselist:
        return list(value or ())
    return [] if value is None else [value]


def known_linked(session: Session, first: Any, first_key: str, second: Any, second_key: str) -> bool | None:
    """Whether `first` and `second` are linked, when either side knows its links without a
    query (`known_links`: `first.<first_key>`, `second.<second_key>`); None when it must be read."""
    for obj, key, other in ((first, first_key, second), (second, second_key, first)):
        known = known_links(session, obj, key)
        if known is not None:
            return any(each is other for each in known)
    return None


def unlinked(session: Session, obj: Any, key: str) -> None:
    """`obj`'s link rows of `key` were removed or changed: a side that holds one object now
    holds none; a list is read again when used."""
    if inspect(obj).mapper.relationships[key].uselist:
        session.expire(obj, [key])
    else:
        set_committed_value(obj, key, None)
