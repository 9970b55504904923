"""How to fill each list route of the daemon with rows, through the API, for the tests that
compare a list of N rows with a list of 2N (test_statement_count.py).

A collection with a POST is filled with the protection matrix's factories (those of
factories.py, or made from the document's examples for a declared resource); a list under
another object, or without a POST, needs a seeder of its own in SEEDERS. A list route with
neither FAILS those tests: when you add a list route, make sure it has one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from ..protection.examples import document_factories
from ..protection.factories import FACTORIES, Factory, Maker


class Seeder(Protocol):
    """Rows for one list route: `path()` is the list to read (with `params`), `add(count)`
    puts `count` more rows in it (or, for a list of fixed rows, `static` and `add` does nothing)."""

    static: bool
    params: dict

    def path(self) -> str: ...

    def add(self, count: int) -> None: ...


@dataclass
class Collection:
    """A list route whose POST makes one of its rows, with the route's factory body."""

    route: str
    maker: Maker
    factory: Factory
    params: dict = field(default_factory=dict)
    static: bool = False

    def path(self) -> str:
        return self.route

    def add(self, count: int) -> None:
        factory = self.factory
        for _ in range(count):
            if factory.body is not None:
                body = factory.body()
            else:
                assert factory.body_in is not None
                body = factory.body_in(self.maker)
            response = self.maker.api.post(self.route, json=body)
            assert response.status_code == 201, f'seeding {self.route}: {response.status_code} {response.text}'


# The context's field holding each range type.
RANGE_FIELDS = {
    'user': 'user_ranges',
    'group': 'group_ranges',
    'queue': 'queue_ranges',
    'conference': 'conference_room_ranges',
    'incall': 'incall_ranges',
}


@dataclass
class ContextRanges:
    """The ranges of one type of a context of our own."""

    range_type: str
    maker: Maker
    params: dict = field(default_factory=dict)
    static: bool = False
    ranges: list[dict] = field(default_factory=list)
    context_id: int | None = None

    def path(self) -> str:
        if self.context_id is None:
            response = self.maker.api.post('/contexts', json={'label': f'ranges{uuid.uuid4().hex[:8]}'})
            assert response.status_code == 201, f'seeding a context: {response.status_code} {response.text}'
            self.context_id = response.json()['id']
        return f'/contexts/{self.context_id}/ranges/{self.range_type}'

    def add(self, count: int) -> None:
        self.path()
        for _ in range(count):
            # One number per range, apart from the others: a row each, whether the list
            # shows ranges, runs of free numbers or numbers.
            number = str(1000 + 10 * len(self.ranges))
            self.ranges.append({'start': number, 'end': number})
        body = {RANGE_FIELDS[self.range_type]: self.ranges}
        response = self.maker.api.put(f'/contexts/{self.context_id}', json=body)
        assert response.status_code == 204, f'seeding {self.range_type} ranges: {response.status_code} {response.text}'


@dataclass
class Fixed:
    """A list of rows that come with the daemon (time zones): read in pages of N and 2N."""

    route: str
    params: dict = field(default_factory=dict)
    static: bool = True

    def path(self) -> str:
        return self.route

    def add(self, count: int) -> None:
        return None


# The list routes that the factories alone cannot fill: a list under a context, a list of
# fixed rows, the tenants (made below the selected one, listed with `recurse`).
SEEDERS: dict[str, Callable[[Maker], Seeder]] = {
    '/tenants': lambda maker: Collection('/tenants', maker, FACTORIES['/tenants'], {'recurse': 'true'}),
    **{f'/contexts/{{context_id}}/ranges/{kind}': partial(ContextRanges, kind) for kind in RANGE_FIELDS},
    '/timezones': lambda maker: Fixed('/timezones'),
}


def seeder(route: str, maker: Maker, document: dict) -> Seeder | None:
    """The seeder of `route`, or None when nobody told how to fill that list. A declared
    resource's factory comes from the OpenAPI `document` (protection/examples.py)."""
    if route in SEEDERS:
        return SEEDERS[route](maker)
    factory = FACTORIES.get(route) or document_factories(document).get(route)
    if factory is not None and (factory.body is not None or factory.body_in is not None):
        return Collection(route, maker, factory)
    return None
