"""Which resource still refers to a row: found from the foreign keys of the metadata.

A plugin never imports another, so a resource cannot list who refers to it; the foreign
keys already say it. Each referring table names its resource in `info={'resource': ...}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Column, ForeignKey, select, update
from sqlalchemy.orm import Session

from wazo_confd.database.base import Base

# What an association plugin writes in `owner_type` when it binds an extension, and the
# resource named by errors about it. The range type checked is the key itself.
OWNER_RESOURCES = {
    'user': 'Line',
    'group': 'Group',
    'queue': 'Queue',
    'conference': 'Conference',
    'incall': 'Incall',
    'outcall': 'Outcall',
    'parking': 'ParkingLot',
}


def referring_resource(session: Session, column: Column, value: Any) -> tuple[str, dict] | None:
    """The first resource whose rows hold `value` in a foreign key to `column`, with the
    referring row's primary key, or None when nothing refers to it."""
    for table, foreign_key in _references(column):
        key = list(table.primary_key.columns)[0]
        query = select(key).where(foreign_key.parent == value).limit(1)
        with session.no_autoflush:
            row = session.execute(query).first()
        if row is not None:
            return table.info.get('resource', table.name), {key.name: row[0]}
    return None


def move_references(session: Session, column: Column, old: Any, new: Any) -> None:
    """Point every foreign key to `column` that holds `old` at `new` instead."""
    for table, foreign_key in _references(column):
        session.execute(update(table).where(foreign_key.parent == old).values({foreign_key.parent.name: new}))


def _references(column: Column) -> Iterator[tuple[Any, ForeignKey]]:
    for table in Base.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column is column:
                yield table, foreign_key
