"""A resource as one declaration: what the kit builds its routes, dao, service, notifier,
validators, OpenAPI entries and isolation-matrix factories from (kit/builder.py).

A plain CRUD resource is a model, a schema and a `Resource(...)`; what is special is a
subclass of the dao, service or resources overriding one step, named in the declaration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from marshmallow import Schema

from wazo_confd.database.search import SearchConfig
from wazo_confd.plugin_api import Provided

from .reloads import Reload
from .routing import acl_of

IdKind = Literal['int', 'uuid', 'string', 'uuid-or-int']
# tenant: rows of a tenant, seen by it and its parents; global: rows of no tenant, seen by
# every tenant; master: rows of no tenant, whose routes only the master tenant may use.
Scope = Literal['tenant', 'global', 'master']
OPERATIONS = ('list', 'create', 'read', 'update', 'delete')
# Verb of each operation in its ACL: `<acl>.read`, `<acl>.create`, `<acl>.{id}.read`, ...
_ACL_VERBS = {'list': 'read', 'create': 'create', 'read': 'read', 'update': 'update', 'delete': 'delete'}


@dataclass(frozen=True)
class Events:
    """`<name>_created|edited|deleted` on `<routing>.created|edited|deleted`; the payload
    holds the listed attributes, or what a function of the object returns."""

    name: str
    routing: str
    payload: tuple[str, ...] | Callable[[Any], dict] = ('id',)
    family: Literal['tenant', 'user', 'service'] = 'tenant'


@dataclass(frozen=True)
class Resource:
    """One resource of the API. `endpoints` are the contract's endpoint names of the list
    and item routes (used by `links` and `Location`); `acl` is the ACL prefix, by default
    the one upstream's naming rule gives `url` (`/endpoints/sip` → `confd.endpoints.sip`)."""

    model: type
    schema: type[Schema]
    url: str
    endpoints: tuple[str, str]
    acl: str | None = None
    search: SearchConfig | None = None
    id: IdKind = 'int'
    # The item route's path variable, and the attribute of the object that fills it.
    id_var: str = 'id'
    id_field: str = 'id'
    # Name of the resource in errors (`Context was not found`); the model's name by default.
    name: str | None = None
    # Prefix of the resource classes' names (operation ids of the OpenAPI document).
    label: str | None = None
    put_schema: type[Schema] | None = None
    operations: tuple[str, ...] = OPERATIONS
    # Single ACLs differing from `<acl>.<verb>`, by operation (list, create, read, update, delete).
    acls: dict[str, str] = field(default_factory=dict)
    # Document HEAD on the item route (it is always answered, with the read ACL).
    head: bool = False
    scope: Scope = 'tenant'
    # Operations only the master tenant may use (every one when the scope is `master`).
    master_only: tuple[str, ...] = ()
    events: Events | None = None
    reloads: tuple[Reload, ...] = ()
    # Fields (or tuples of fields, unique together) no two objects share: checked on create
    # and edit, and named by the `already exists` error of a concurrent insert.
    unique: tuple[str | tuple[str, ...], ...] = ()
    # Deletion refused while a foreign key of another table holds this column's value.
    referred_by: str | None = None
    # More business rules: `validators(dao, providers)` -> ValidationGroup.
    validators: Callable[[Any, Any], Any] | None = None
    # Classes overriding one step; the kit's generic ones otherwise.
    dao: type | None = None
    notifier: type | None = None
    service: type | None = None
    list_resource: type | None = None
    item_resource: type | None = None
    empty_on_create: tuple[str, ...] = ()
    # The field naming the context whose tenant a new object takes ('context'), looked up
    # among the request tenant's subtree (kit/context_tenant.py).
    tenant_from: str | None = None
    # A query parameter of the list restricting it to the ids it lists (`?uuid=a,b`).
    ids_query: str | None = None
    # The typed key (wazo_confd.interfaces) the service is offered under to other plugins.
    provides: Provided[Any] | None = None
    # A valid POST body and a PUT body that changes something: the request bodies' `example`
    # of the OpenAPI document, from which the isolation matrix makes objects. `example_refs`:
    # fields naming an object that must exist first, as (collection, key of its item).
    example: dict | None = None
    update_example: dict | None = None
    example_refs: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def resource_name(self) -> str:
        return self.name or self.model.__name__

    @property
    def class_label(self) -> str:
        return self.label or self.model.__name__

    def acl_of(self, operation: str) -> str:
        if operation in self.acls:
            return self.acls[operation]
        verb = _ACL_VERBS[operation]
        prefix = self.acl if self.acl is not None else acl_of(self.url)
        return f'{prefix}.{verb}' if operation in ('list', 'create') else f'{prefix}.{{{self.id_var}}}.{verb}'

    def item_rules(self) -> list[str]:
        var = self.id_var
        converters = {
            'int': [f'<int:{var}>'],
            'uuid': [f'<uuid:{var}>'],
            'string': [f'<{var}>'],
            'uuid-or-int': [f'<int:{var}>', f'<uuid:{var}>'],
        }
        return [f'{self.url}/{segment}' for segment in converters[self.id]]


def search_on(
    model: type,
    *columns: str,
    default_sort: str,
    search: tuple[str, ...] | None = None,
    tiebreak: Any = None,
    counted: bool = False,
    anchored: tuple[str, ...] = (),
    **expressions: Any,
) -> SearchConfig:
    """The list's search over the model's attributes named `columns`, then the computed
    `expressions`; `search` says which of them the `search` parameter looks into (all).
    `counted`: the table's rows per tenant are counted by triggers (a migration ran
    `row_counts.counting_triggers` for it); `anchored`: orders whose deep pages start from
    anchors (columns that migration gave as `orders`; the tiebreak must be the key)."""
    found = {name: getattr(model, name) for name in columns} | expressions
    return SearchConfig(
        columns=found,
        search=list(found if search is None else search),
        default_sort=default_sort,
        tiebreak=tiebreak,
        counted=counted,
        anchored_orders=frozenset(anchored),
    )
