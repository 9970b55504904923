"""The number ranges of a context, whole or with the numbers already taken cut out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wazo_confd.errors import InputError
from wazo_confd.interfaces import Contexts, Extensions


@dataclass
class NumberRange:
    start: str
    end: str


def _split(start: str, end: str, used: set[int]) -> list[NumberRange]:
    """The pieces of [start, end] left once the used numbers are removed (zero padding kept)."""
    width, low, high = len(start), int(start), int(end)
    pieces: list[NumberRange] = []
    current = low
    for number in sorted(n for n in used if low <= n <= high):
        if number > current:
            pieces.append(NumberRange(str(current).zfill(width), str(number - 1).zfill(width)))
        current = number + 1
    if current <= high:
        pieces.append(NumberRange(str(current).zfill(width), str(high).zfill(width)))
    return pieces


class ContextRangeService:
    def __init__(self, context_service: Callable[[], Contexts], extension_service: Callable[[], Extensions]):
        self.context_service = context_service
        self.extension_service = extension_service

    def ranges(self, context_id: int, range_type: str, tenant_uuids: list[str], available: bool) -> list[NumberRange]:
        context = self.context_service().get(context_id, tenant_uuids)
        result = []
        for number_range in context.ranges_of(range_type):
            start, end = number_range.start, number_range.end or number_range.start
            if not available:
                result.append(NumberRange(start, end))
                continue
            used = {
                int(e) for e in self.extension_service().extens_of(context.name) if e.isdigit() and len(e) == len(start)
            }
            result.extend(_split(start, end, used))
        return result

    def search(
        self, context_id: int, range_type: str, tenant_uuids: list[str], params: dict
    ) -> tuple[int, list[NumberRange]]:
        """Filter (`search` in start or end), sort (`order` start or end) and page the ranges."""
        items = self.ranges(context_id, range_type, tenant_uuids, params['availability'] == 'available')
        if params.get('search'):
            items = [r for r in items if params['search'] in r.start or params['search'] in r.end]
        # An empty `order` or `direction` is a wrong value, as for every list.
        order = 'start' if params.get('order') is None else params['order']
        if order not in ('start', 'end'):
            raise InputError(f"order: column '{order}' was not found")
        direction = 'asc' if params.get('direction') is None else params['direction']
        if direction not in ('asc', 'desc'):
            raise InputError("direction: must be 'asc' or 'desc'")
        items.sort(key=lambda r: (len(getattr(r, order)), getattr(r, order)), reverse=direction == 'desc')
        total = len(items)
        offset = params.get('offset') or 0
        limit = params.get('limit')
        if limit is not None and limit <= 0:
            raise InputError("field 'limit': wrong type. Should be a positive number")
        return total, items[offset : offset + limit if limit is not None else None]
