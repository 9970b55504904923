"""URL converters shared by every route."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

# Every integer key of ours is a 32-bit database column.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` that does not match numbers no row can have: a path id of 2**63 is a 404,
    not an overflow in the database driver (a 500)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: Any = None, max: Any = None, signed: bool = False):
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)
