"""`PUT /a/{id}/bs` with `{"bs": [{"id": ...}, ...]}`: the objects linked to one object
become exactly those listed, in order (204). Upstream's `PUT /users/{id}/lines`,
`/groups/{uuid}/members/users`, `/users/{uuid}/groups` have this shape.

The left object is found through the `get(id, tenants)` of its plugin's service, each
listed one through the right side's; the service then locks the left row, checks the
pairs (same tenant by default), writes the links (`set_links`, the plugin's hook) and
sends one event (`<event>_associated` on `<routing>.updated`, payload of the left object
and the list) with the declared reloads.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from marshmallow import Schema, fields

from wazo_confd.database.uow import Database
from wazo_confd.errors import InputError, NotFoundError, not_permitted
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import Provided

from .association import (
    Family,
    LinkNotifier,
    LinkService,
    build_link_service,
    check_link_declaration,
    check_same_tenant,
    module_of,
)
from .link_table import LinkTable, LinkTableDao
from .reloads import Reload
from .routing import acl_of, add_route, rules_of
from .schema import BaseSchema, StrictInteger, load, shared


@dataclass(frozen=True, kw_only=True)
class ListAssociation:
    """The links are the ordered rows of a `table` (no `service` needed: the kit's
    `LinkTableListService` writes them), or the declared `service`'s to write."""

    url: str
    endpoint: str
    left: Provided[Any]
    right: Provided[Any]
    label: str
    # The body's list, and the key naming each listed object (with its marshmallow field).
    field: str
    # The whole ACL of the PUT where upstream's differs from its rule's
    # (`confd.users.{user_id}.lines.update` for `/users/<uuid-or-int:user_id>/lines`).
    acl: str | None = None
    service: type[ListAssociationService] | None = None
    table: LinkTable | None = None
    key: str = 'id'
    key_field: Callable[..., fields.Field] = StrictInteger
    sides: tuple[str, str] = ('left', 'right')
    event: str | None = None
    routing: str = ''
    payload: Callable[[Any, list[Any]], dict] | None = None
    reloads: tuple[Reload, ...] = ()
    provider: Provided[Any] | None = None
    example: dict | None = None
    family: Family = 'tenant'
    dao: Callable[[Database], Any] | None = None
    # A listed object not found: 404 (`not found`), or 400 naming the body's list (`input`).
    unknown: Literal['not found', 'input'] = 'not found'
    # A list naming one object twice is refused: `Cannot associate same <repeated> more than once`.
    repeated: str | None = None

    def __post_init__(self) -> None:
        check_link_declaration(self)

    @property
    def put_acl(self) -> str:
        return self.acl if self.acl is not None else f'{acl_of(self.url)}.update'

    def service_class(self) -> type[ListAssociationService]:
        return self.service or LinkTableListService

    def body_schema(self) -> type[Schema]:
        item = BaseSchema.from_dict({self.key: self.key_field(required=True)}, name=f'{self.label}Item')
        listed = fields.List(fields.Nested(item), required=True)
        return BaseSchema.from_dict({self.field: listed}, name=f'{self.label}Body')


class ListAssociationService(LinkService):
    """Each step a hook: `lock`, `lock_rights`, `validate`, `set_links` (to write), then the event."""

    declaration: ListAssociation
    notifier: ListAssociationNotifier

    def find(self, left_id: Any, keys: list[Any], tenant_uuids: Any) -> tuple[Any, list[Any]]:
        return self.find_left(left_id, tenant_uuids), [self.find_right(key, tenant_uuids) for key in keys]

    def find_left(self, left_id: Any, tenant_uuids: Any) -> Any:
        return self.lefts.get(left_id, tenant_uuids)

    def find_right(self, key: Any, tenant_uuids: Any) -> Any:
        try:
            return self.rights.get(key, tenant_uuids)
        except NotFoundError as e:
            if self.declaration.unknown == 'not found':
                raise
            raise InputError(f"field '{self.declaration.field}': {e.text}", e.metadata) from e

    def replace(self, left: Any, rights: list[Any]) -> None:
        self.lock(left)
        self.lock_rights(rights)
        self.validate(left, rights)
        self.set_links(left, rights)
        self.notifier.send(left, rights)

    def lock_rights(self, rights: list[Any]) -> None:
        """Nothing by default: the left row is enough to serialize the changes."""

    def validate(self, left: Any, rights: list[Any]) -> None:
        for right in rights:
            check_same_tenant(left, right, *self.declaration.sides)
        if self.declaration.repeated is not None:
            refuse_repeats(rights, self.declaration.repeated)

    def set_links(self, left: Any, rights: list[Any]) -> None:
        raise NotImplementedError


class LinkTableListService(ListAssociationService):
    """The links of a declared `table`, in the listed order."""

    dao: LinkTableDao

    def set_links(self, left: Any, rights: list[Any]) -> None:
        self.dao.replace(left, rights)


def refuse_repeats(rights: list[Any], what: str, verb: str = 'associate') -> None:
    """A list naming one object twice: `Cannot <verb> same <what> more than once`."""
    if len({right.id for right in rights}) != len(rights):
        raise not_permitted(f'Cannot {verb} same {what} more than once')


class ListAssociationNotifier(LinkNotifier):
    declaration: ListAssociation

    def send(self, left: Any, rights: list[Any]) -> None:
        declaration = self.declaration
        # The payload only for an event (it may read more rows).
        data = None if declaration.payload is None or declaration.event is None else declaration.payload(left, rights)
        self.send_linked('associated', left, f'{declaration.routing.format(left=left)}.updated', data)


class DeclaredListAssociation(ConfdResource):
    body: ClassVar[type[Schema]]
    field: ClassVar[str]
    key: ClassVar[str]

    def __init__(self, service: ListAssociationService):
        self.service = service

    def put(self, **path: Any) -> tuple[None, int]:
        [left_id] = (str(value) if isinstance(value, uuid.UUID) else value for value in path.values())
        tenants = current_auth().item_tenants()
        # The object of the URL first: a missing one is a 404 whatever the body holds.
        left = self.service.find_left(left_id, tenants)
        form = load(shared(self.body), json_body())
        keys = [
            str(item[self.key]) if isinstance(item[self.key], uuid.UUID) else item[self.key]
            for item in form[self.field]
        ]
        rights = [self.service.find_right(key, tenants) for key in keys]
        self.service.replace(left, rights)
        return None, 204


def build_list_association(declaration: ListAssociation, deps: Any) -> ListAssociationService:
    """The list association's service, route and provider."""
    service = build_link_service(declaration, deps, ListAssociationNotifier(deps.outbox, declaration))
    body = declaration.body_schema()
    attrs = {
        '__module__': module_of(declaration),
        'acls': {'put': declaration.put_acl},
        'body': body,
        'field': declaration.field,
        'key': declaration.key,
        'docs': {
            'put': {
                'status': 204,
                'response': {'description': 'Associated'},
                'body': body,
                'example': declaration.example,
            }
        },
    }
    resource = type(declaration.label, (DeclaredListAssociation,), attrs)
    add_route(deps, resource, rules_of(declaration.url), declaration.endpoint, service, declaration.provider)
    return service
