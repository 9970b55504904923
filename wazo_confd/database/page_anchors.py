"""Where every thousandth position of a tenant's sorted rows falls, to start deep pages there.

`GET /users?order=lastname&offset=50000` made PostgreSQL walk 50,000 entries of the sort
index for each page (the nearer end of the tenant's rows: up to half of them). The anchors of an
order are the sort key and tiebreak of the rows at positions 0, 1,000, 2,000, ... (one
window query over the sort index, then the number of NULL sort keys); a deep page then
starts at the nearest anchor before its offset (`(key, id) >= (anchor key, anchor id)`
on the same index) and skips fewer than 1,000 entries. They are valid while the tenant's
change serial is the one they were read at (`tenant_row_count.changes`, `row_counts`:
every insert, delete and move of the tenant's rows, and every change of an anchored order's
column, adds one), which the page reads anyway with its total (`tenant_pages`).

NULL sort keys sort last (ascending) or first (descending) and compare as unknown in a
row comparison: a page that reaches into them is left to the usual walk.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select, tuple_
from sqlalchemy.engine import Connection

SPACING = 1000


@dataclass(frozen=True)
class Anchors:
    changes: int
    total: int
    nulls: int
    ascending: bool
    # (position, sort key, tiebreak), by position; only rows whose sort key is not NULL.
    points: tuple[tuple[int, Any, Any], ...]

    def start(self, offset: int, limit: int | None) -> tuple[int, Any, Any] | None:
        """The anchor to start the page [offset, offset + limit) from, if the page lies
        where the row comparison holds (no NULL sort key) and an anchor precedes it."""
        end = self.total if limit is None else min(self.total, offset + limit)
        first, last = (0, self.total - self.nulls) if self.ascending else (self.nulls, self.total)
        if offset < first or end > last:
            return None
        best = None
        for point in self.points:
            if point[0] > offset:
                break
            best = point
        return best


class PageAnchors:
    """The anchors of the orders of some scopes (a tenant and an order), per process."""

    def __init__(self, keep: int = 128):
        self._keep = keep
        self._known: OrderedDict[Hashable, Anchors] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, scope: Hashable, changes: int, total: int) -> Anchors | None:
        with self._lock:
            anchors = self._known.get(scope)
            if anchors is None or anchors.changes != changes or anchors.total != total:
                return None
            self._known.move_to_end(scope)
            return anchors

    def read(
        self,
        connection: Connection,
        statements: tuple[Select, Select],
        values: dict,
        scope: Hashable,
        changes: int,
        total: int,
        ascending: bool,
    ) -> Anchors:
        """Read the anchors with `statements` (of `anchor_statements`) and remember them
        for `changes` and `total` (read by the caller just before)."""
        positions, nulls = statements
        rows = connection.execute(positions, values).all()
        points = tuple((row.position, row.sort_key, row.tiebreak) for row in rows if row.sort_key is not None)
        anchors = Anchors(changes, total, connection.execute(nulls, values).scalar() or 0, ascending, points)
        with self._lock:
            self._known[scope] = anchors
            self._known.move_to_end(scope)
            while len(self._known) > self._keep:
                self._known.popitem(last=False)
        return anchors


def anchor_statements(filtered: Select, sort_key: Any, tiebreak: Any, order: list) -> tuple[Select, Select]:
    """The anchors of the rows of `filtered` in `order` (the page's ORDER BY clauses):
    position, sort key and tiebreak every SPACING rows (one walk of the sort index); and
    the number of NULL sort keys (the index's range of them)."""
    rows = filtered.with_only_columns(
        sort_key.label('sort_key'),
        tiebreak.label('tiebreak'),
        (func.row_number().over(order_by=order) - 1).label('position'),
    ).subquery('ranked')
    positions = select(rows).where(rows.c.position % SPACING == 0).order_by(rows.c.position)
    return positions, filtered.with_only_columns(func.count()).where(sort_key.is_(None))


def from_anchor(filtered: Select, sort_key: Any, tiebreak: Any, ascending: bool) -> Select:
    """`filtered` from the anchor's row on (named parameters `anchor_key`, `anchor_tiebreak`),
    to be ordered and paged by the caller."""
    row = tuple_(sort_key, tiebreak)
    anchor = tuple_(bindparam('anchor_key', type_=sort_key.type), bindparam('anchor_tiebreak', type_=tiebreak.type))
    return filtered.where(row >= anchor if ascending else row <= anchor)
