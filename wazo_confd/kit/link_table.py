"""A link table: one row per linked pair, a column holding each side's id (upstream's
`outcall_call_permission`, `user_call_permission`, the ordered `outcall_trunk`).

An `Association` or a `ListAssociation` naming its `table` needs no service of its own:
the kit's reads and writes the rows with plain SQL on the request's session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Integer, delete, insert, select
from sqlalchemy.orm import MappedColumn, Session, mapped_column

from wazo_confd.database.uow import Database

from .dao import replace_ordered_links


def link_key(target: str, index: bool | None = None) -> MappedColumn[Any]:
    """A link model's column holding one side's integer id (`target`, e.g. `'outcall.id'`):
    part of the primary key, its rows deleted with the object. `index=True` on the second
    column: the primary key's index serves lookups by the first one only."""
    return mapped_column(Integer, ForeignKey(target, ondelete='CASCADE'), primary_key=True, index=index)


@dataclass(frozen=True)
class LinkTable:
    """`model`'s `left` column holds the left object's id, its `right` column the right
    one's. A list association writes its rows in order: `model` then has a `priority`."""

    model: type
    left: str
    right: str
    # Relationships read through the table, expired after a write so that they are read
    # again when shown: the left object's, and each newly listed right object's.
    left_links: str | None = None
    right_links: str | None = None


class LinkTableDao:
    def __init__(self, database: Database, table: LinkTable):
        self.database = database
        self.table = table

    @property
    def session(self) -> Session:
        return self.database.session()

    def _pair(self, left: Any, right: Any) -> tuple[ColumnElement[bool], ...]:
        model, table = self.table.model, self.table
        return getattr(model, table.left) == left.id, getattr(model, table.right) == right.id

    def linked(self, left: Any, right: Any) -> bool:
        query = select(getattr(self.table.model, self.table.left)).where(*self._pair(left, right))
        return self.session.execute(query).first() is not None

    def link(self, left: Any, right: Any) -> None:
        values = {self.table.left: left.id, self.table.right: right.id}
        self.session.execute(insert(self.table.model).values(values))
        self._expire(left, [right])

    def unlink(self, left: Any, right: Any) -> None:
        self.session.execute(delete(self.table.model).where(*self._pair(left, right)))
        self._expire(left, [right])

    def replace(self, left: Any, rights: Sequence[Any]) -> None:
        """The left object's rows become exactly `rights`, their `priority` their position."""
        table = self.table
        replace_ordered_links(self.session, table.model, (table.left, left.id), table.right, [r.id for r in rights])
        self._expire(left, rights)

    def _expire(self, left: Any, rights: Sequence[Any]) -> None:
        if self.table.left_links is not None:
            self.session.expire(left, [self.table.left_links])
        if self.table.right_links is not None:
            for right in rights:
                self.session.expire(right, [self.table.right_links])
