"""The number ranges of a context, listed as runs of free (or all) numbers."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Sequence
from typing import Any

from wazo_confd.errors import InputError

from .pattern import Pattern
from .runs import NumberRange, count, page, segments


class ContextRangeService:
    def __init__(self, context_service: Callable[[], Any], extension_service: Callable[[], Any]):
        self.context_service = context_service
        self.extension_service = extension_service

    def search(
        self, context_id: int, range_type: str, tenant_uuids: Sequence[str], params: dict
    ) -> tuple[int, list[NumberRange]]:
        """The runs of the ranges of one type: filtered, counted, then sorted and paged."""
        order, descending = _sorting(params)
        # Past sys.maxsize (about 9.2e18) there is no run: ranges hold at most 10**16 numbers.
        limit, offset = params.get('limit'), min(params.get('offset') or 0, sys.maxsize)
        if limit is not None and limit <= 0:
            raise InputError("field 'limit': wrong type. Should be a positive number")
        context = self.context_service().get(context_id, tenant_uuids)
        used = self.extension_service().extens_of(context.name) if params['availability'] == 'available' else []
        free = segments(context.ranges_of(range_type), range_type == 'incall', used)
        pattern = Pattern(params['search']) if params.get('search') else None
        total = count(free, pattern)
        if offset >= total:
            return total, []
        runs = page(free, pattern, order, descending, offset)
        return total, list(itertools.islice(runs, min(limit, sys.maxsize) if limit else None))


def _sorting(params: dict) -> tuple[str | None, bool]:
    # An empty `order` or `direction` is a wrong value, as for every list.
    order, direction = params.get('order'), params.get('direction')
    if order is not None and order not in ('start', 'end'):
        raise InputError(f"order: column '{order}' was not found")
    if direction is not None and direction not in ('asc', 'desc'):
        raise InputError("direction: must be 'asc' or 'desc'")
    return order, direction == 'desc'
