"""Rows read to be answered, not changed: a model's columns through Core into plain objects.

An ORM instance costs its identity-map entry, its instrumentation and its loader
machinery: for a `GET /users/{uuid}` most of the request's CPU. A plain object holds the
same column values under the same names, the model's own properties (`main_line`,
`fullname`) and its association-table relationships (loaded by `page_loading`, the related
objects being ORM instances), so a schema dumps it as it dumps the instance. Only reads
use it: nothing written goes through a plain object.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Select, inspect, select
from sqlalchemy.orm import Mapper, Session

from .page_loading import link_flags, load_related, unplanned_relationships


class PlainRows:
    def __init__(self, model: type):
        unplanned = unplanned_relationships(model)
        if unplanned:
            raise ValueError(f'{model.__name__}: relationships {unplanned} cannot be read as plain rows')
        mapper: Mapper[Any] = inspect(model)
        self.model = model
        self.keys: list[str] = []
        self.columns: list[Any] = []
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if isinstance(column, Column) and column.table is mapper.local_table:
                self.keys.append(prop.key)
                self.columns.append(column)
        self.flags = link_flags(model)
        properties = {}
        for cls in reversed(model.__mro__):
            properties.update({name: value for name, value in vars(cls).items() if isinstance(value, property)})
        self.cls: type[Any] = type(f'Plain{model.__name__}', (), {'__module__': __name__, **properties})

    def select(self) -> Select:
        """The columns, then one `EXISTS` per relationship: add conditions, then `build`."""
        return select(*self.columns, *(flag for _key, flag in self.flags))

    def build(self, session: Session, rows: Sequence[Any]) -> list[Any]:
        """Plain objects of `rows` (of `select()`, extra columns after it ignored), with
        their relationships."""
        cls, keys = self.cls, self.keys
        width = len(keys)
        objects = []
        for row in rows:
            obj = object.__new__(cls)
            obj.__dict__.update(zip(keys, row, strict=False))  # rows carry extra flag columns
            objects.append(obj)
        unlinked = frozenset(
            key for n, (key, _flag) in enumerate(self.flags) if not any(row[width + n] for row in rows)
        )
        load_related(session, self.model, objects, assign=setattr, unlinked=unlinked)
        return objects
