"""The number ranges of a context, listed as runs of free (or all) numbers."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from wazo_confd.errors import InputError

from .pattern import Pattern
from .runs import NumberRange, count, in_number_order, in_text_order, segments


class ContextRangeService:
    def __init__(self, context_service: Callable[[], Any], extension_service: Callable[[], Any]):
        self.context_service = context_service
        self.extension_service = extension_service

    def search(
        self, context_id: int, range_type: str, tenant_uuids: Sequence[str], params: dict
    ) -> tuple[int, list[NumberRange]]:
        """The runs of the ranges of one type: filtered, counted, then sorted and paged.

        Without `order` the runs come by width then number, whatever the `direction`.
        """
        order, descending = _sorting(params)
        limit, offset = params.get('limit'), params.get('offset') or 0
        context = self.context_service().get(context_id, tenant_uuids)
        used = self.extension_service().extens_of(context.name) if params['availability'] == 'available' else []
        free = segments(context.ranges_of(range_type), range_type == 'incall', used)
        pattern = Pattern(params['search']) if params.get('search') else None
        if order is None:
            runs = in_number_order(free, pattern, offset)
        else:
            runs = itertools.islice(in_text_order(free, pattern, order, descending), offset, None)
        return count(free, pattern), list(itertools.islice(runs, limit))


def _sorting(params: dict) -> tuple[str | None, bool]:
    # An empty `order` or `direction` is a wrong value, as for every list.
    order, direction = params.get('order'), params.get('direction')
    if order is not None and order not in ('start', 'end'):
        raise InputError(f"order: column '{order}' was not found")
    if direction is not None and direction not in ('asc', 'desc'):
        raise InputError("direction: must be 'asc' or 'desc'")
    return order, direction == 'desc'
