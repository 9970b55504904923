"""How to make an object of each route in a given tenant, through the API.

The isolation matrix (test_matrix.py) reads the route table of the running daemon and needs,
for every route with a path variable, a way to create the object that route addresses; for
every POST, a valid body; for every PUT, a valid body that changes something. A route
without its factory FAILS the matrix: when you add a resource, register its routes here
with `factory(route, ...)`, the route written as in the OpenAPI document (`/users/{id}`).

- `create(maker)` makes one object in `maker.tenant` (use `maker.api`, a client of the
  master tenant's admin selecting that tenant, and `created()` below) and returns `Made`:
  the values of the route's path variables, and the tenant that owns the object when it is
  not `maker.tenant` (a tenant is its own owner).
- `body()` returns a fresh, valid POST body for a collection route (unique names...).
- `update` is a valid PUT body that changes the object (`{}` for a PUT without body).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..helpers.client import Client


@dataclass
class Made:
    path: dict[str, Any]
    owner: str | None = None


@dataclass
class Maker:
    api: Client
    tenant: str
    new_tenant: Callable[[str], str]


@dataclass(frozen=True)
class Factory:
    create: Callable[[Maker], Made] | None = None
    body: Callable[[], dict] | None = None
    update: dict | None = None


FACTORIES: dict[str, Factory] = {}


def factory(route: str, **kwargs: Any) -> None:
    FACTORIES[route] = Factory(**kwargs)


def unique(prefix: str) -> str:
    return f'{prefix}{uuid.uuid4().hex[:8]}'


def created(maker: Maker, collection: str, body: dict, var: str = 'id', key: str | None = None) -> Made:
    """POST `body` to `collection` in the maker's tenant; the path variable `var` gets `key`."""
    response = maker.api.post(collection, json=body)
    assert response.status_code == 201, f'factory POST {collection}: {response.status_code} {response.text}'
    return Made({var: response.json()[key or var]})


# --- tenants -------------------------------------------------------------------------------
factory('/tenants', body=lambda: {'name': unique('tenant')})
factory(
    '/tenants/{uuid}',
    create=lambda maker: _child_tenant(maker),
    update={'name': 'renamed'},
)


def _child_tenant(maker: Maker) -> Made:
    child = maker.new_tenant(maker.tenant)
    return Made({'uuid': child}, owner=child)


# --- users ---------------------------------------------------------------------------------
factory('/users', body=lambda: {'firstname': unique('user')})
factory(
    '/users/{id}',
    create=lambda maker: created(maker, '/users', {'firstname': unique('user')}),
    update={'firstname': 'Changed'},
)
