"""Keeps each line's copy of its caller ID in step with its endpoint, whichever plugin
changed the endpoint: lines search and sort on the copy in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .model import Line

ENDPOINT_TABLES = ('endpoint_sip', 'endpoint_sccp', 'endpoint_custom')


def _is_endpoint(obj: Any) -> bool:
    return getattr(obj, '__tablename__', None) in ENDPOINT_TABLES


def refresh_caller_ids(session: Session) -> None:
    changed: set[Line] = set()
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, Line):
                changed.add(obj)
            elif _is_endpoint(obj) and obj.line is not None:
                changed.add(obj.line)
        emptied = {obj.line for obj in session.deleted if _is_endpoint(obj) and obj.line is not None}
    for line in changed - emptied:
        line.refresh_caller_id()
    for line in emptied:
        line.cached_caller_id_name = line.cached_caller_id_num = None
