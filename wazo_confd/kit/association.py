"""Association routes: `PUT` links two objects, `DELETE` unlinks them, both answer 204.

Both sides are looked up among the tenants visible to the token (404 otherwise); the
service then checks that they belong to the same tenant.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from marshmallow import Schema

from wazo_confd.database.uow import Database
from wazo_confd.errors import different_tenants
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import Provided

from .creation import Creation, build_creation
from .link_table import LinkTable, LinkTableDao
from .notifier import Notifier
from .reloads import Change, Reload, requested
from .routing import acl_of, add_route, rules_of
from .schema import load, shared

Family = Literal['tenant', 'user', 'service']
# The routing key's last word for each action.
VERBS = {'associated': 'updated', 'dissociated': 'deleted'}


def check_same_tenant(left: Any, right: Any, left_name: str, right_name: str) -> None:
    """Raise upstream's `different tenants` error, naming each side's tenant."""
    if left.tenant_uuid != right.tenant_uuid:
        raise different_tenants(
            **{f'{left_name}_tenant_uuid': left.tenant_uuid, f'{right_name}_tenant_uuid': right.tenant_uuid}
        )


class AssociationResource(ConfdResource):
    """Subclasses say how to find each side and which service links them."""

    docs = {
        'put': {'status': 204, 'response': {'description': 'Associated'}},
        'delete': {'status': 204, 'response': {'description': 'Dissociated'}},
    }

    def __init__(self, service: Any):
        self.service = service

    def find_left(self, left_id: Any, tenant_uuids: Sequence[str]) -> Any:
        raise NotImplementedError

    def find_right(self, right_id: Any, tenant_uuids: Sequence[str]) -> Any:
        raise NotImplementedError

    def _pair(self, left_id: Any, right_id: Any) -> tuple[Any, Any]:
        tenants = current_auth().item_tenants()
        return self.find_left(left_id, tenants), self.find_right(right_id, tenants)

    def link(self, left_id: Any, right_id: Any) -> tuple[None, int]:
        self.service.associate(*self._pair(left_id, right_id))
        return None, 204

    def unlink(self, left_id: Any, right_id: Any) -> tuple[None, int]:
        self.service.dissociate(*self._pair(left_id, right_id))
        return None, 204


@dataclass(frozen=True, kw_only=True)
class Association:
    """`PUT <url>` links a left object to a right one, `DELETE <url>` unlinks them (204).

    Each side is found through the `get(id, tenants)` of another plugin's service, named by
    its provider. The ACLs are `<acl>.update` (PUT) and `<acl>.delete` (DELETE), `acl`
    following upstream's rule by default (`confd.` and the url's segments, see
    `routing.acl_of`): declare it only where upstream's differs. Events are
    `<event>_associated` on `<routing>.updated` and `<event>_dissociated` on
    `<routing>.deleted`, the routing key a template of `left` and `right`
    (`config.lines.{left.id}.endpoints.sccp.{right.id}`). In the `user` family the left
    object is a user, whom the event is about (`user_uuid:<uuid>` header).

    The links are rows of a `table` (then no `service` is needed: the kit's
    `LinkTableService` reads and writes them), or the declared `service`'s to write.

    `url` may hold `<uuid-or-int:var>`: a path variable given as an id or a uuid (two rules)."""

    url: str
    endpoint: str
    left: Provided[Any]
    right: Provided[Any]
    label: str
    acl: str | None = None
    service: type[AssociationService] | None = None
    table: LinkTable | None = None
    # How the `different tenants` error names each side.
    sides: tuple[str, str] = ('left', 'right')
    event: str | None = None
    routing: str = ''
    payload: Callable[[Any, Any], dict] | None = None
    reloads: tuple[Reload, ...] = ()
    # Registered as this provider, for plugins that link the two on their own (nested creation).
    provider: Provided[Any] | None = None
    family: Family = 'tenant'
    # `dao(database)` set as the service's `dao`, for a link table of the plugin's own.
    dao: Callable[[Database], Any] | None = None
    # A route that only links (`PUT`), its unlink being another route of the plugin.
    methods: tuple[Literal['put', 'delete'], ...] = ('put', 'delete')
    # `POST` of a right object made from the body and linked to the left one (kit/creation.py).
    creation: Creation | None = None
    # A PUT body describing the link (an outcall's dial pattern): loaded, then handed to
    # the service's `associate_with(left, right, form)` instead of `associate`.
    body: type[Schema] | None = None
    example: dict | None = None

    def __post_init__(self) -> None:
        check_link_declaration(self)

    @property
    def acl_prefix(self) -> str:
        return self.acl if self.acl is not None else acl_of(self.url)

    def service_class(self) -> type[AssociationService]:
        return self.service or LinkTableService


def check_link_declaration(declaration: Any) -> None:
    """A link declaration names a `service` or a `table` (or both), never a `table` and a `dao`."""
    if declaration.service is None and declaration.table is None:
        raise ValueError(f'{declaration.label}: declare its service or its link table')
    if declaration.table is not None and declaration.dao is not None:
        raise ValueError(f'{declaration.label}: a link table is its own dao')


def module_of(declaration: Any) -> str:
    """The module of a link declaration's route class (the plugin's: OpenAPI tags it so)."""
    return (declaration.service or declaration.table.model).__module__


class LinkNotifier(Notifier):
    """The events and reloads of a declaration linking objects to a left one (an
    `Association`, a `ListAssociation`): its `event`, `routing`, `family`, `reloads`."""

    def __init__(self, outbox: Any, declaration: Any):
        super().__init__(outbox)
        self.declaration = declaration

    def send_linked(self, action: str, left: Any, routing_key: str, data: dict | None) -> None:
        """`<event>_<action>` with `data` when both are there, then the declared reloads.
        In the `user` family the event is about the left object, a user."""
        declaration = self.declaration
        if declaration.event is not None and data is not None:
            user_uuids = [left.uuid] if declaration.family == 'user' else None
            name = f'{declaration.event}_{action}'
            self.emit(name, routing_key, data, left.tenant_uuid, declaration.family, user_uuids)
        self.outbox.request_reload(requested(declaration.reloads, Change(action, left)))


class AssociationNotifier(LinkNotifier):
    declaration: Association

    def send(self, action: str, verb: str, left: Any, right: Any, data: dict | None = None) -> None:
        """The event of `action` (its payload `data`, else the declaration's) and the reloads."""
        declaration = self.declaration
        if data is None and declaration.payload is not None:
            data = declaration.payload(left, right)
        self.send_linked(action, left, f'{declaration.routing.format(left=left, right=right)}.{verb}', data)


class LinkService:
    """What the services of both kinds of association share: the declaration, each side's
    service (through the declared providers), the notifier and the declared dao."""

    # Set when the declaration names a dao.
    dao: Any = None

    def __init__(self, declaration: Any, providers: Any, notifier: Any):
        self.declaration = declaration
        self.providers = providers
        self.notifier = notifier

    @property
    def lefts(self) -> Any:
        return self.providers.get(self.declaration.left)

    @property
    def rights(self) -> Any:
        return self.providers.get(self.declaration.right)

    def lock(self, left: Any) -> None:
        """Wait for concurrent links of `left` (its row locked)."""
        self.lefts.lock(left)


def build_link_service(declaration: Any, deps: Any, notifier: LinkNotifier) -> Any:
    """The service of an association, with its link table's dao or its declared one."""
    service = declaration.service_class()(declaration, deps.providers, notifier)
    if declaration.table is not None:
        service.dao = LinkTableDao(deps.database, declaration.table)
    elif declaration.dao is not None:
        service.dao = declaration.dao(deps.database)
    return service


class AssociationService(LinkService):
    """Link and unlink, each step a hook: `lock`, `linked`, `validate_link`, `link`, ...

    `link` and `unlink` may answer the link they wrote or removed (a row with flags of its
    own); `payload(left, right, link)` then makes the event from it."""

    declaration: Association
    notifier: AssociationNotifier

    def find(self, left_id: Any, right_id: Any, tenant_uuids: Any) -> tuple[Any, Any]:
        return self.lefts.get(left_id, tenant_uuids), self.rights.get(right_id, tenant_uuids)

    def associate(self, left: Any, right: Any) -> None:
        self.lock(left)
        self.lock_right(right)
        if self.linked(left, right):
            return
        self.validate_link(left, right)
        self.notify('associated', left, right, self.link(left, right))

    def associate_with(self, left: Any, right: Any, form: dict) -> None:
        """A link described by the PUT body (declared `body`): the plugin's to write."""
        raise NotImplementedError

    def dissociate(self, left: Any, right: Any) -> None:
        self.lock(left)
        self.lock_right(right)
        if not self.linked(left, right):
            return
        self.validate_unlink(left, right)
        self.notify('dissociated', left, right, self.unlink(left, right))

    def notify(self, action: str, left: Any, right: Any, link: Any = None) -> None:
        """The event of `action` (associated, dissociated) and the declared reloads."""
        self.notifier.send(action, VERBS[action], left, right, self.payload(left, right, link))

    def payload(self, left: Any, right: Any, link: Any) -> dict | None:
        """The event's payload: the declaration's by default."""
        payload = self.declaration.payload
        return None if payload is None else payload(left, right)

    def lock_right(self, right: Any) -> None:
        """Nothing by default: the left row is enough to serialize the links."""

    def linked(self, left: Any, right: Any) -> bool:
        raise NotImplementedError

    def validate_link(self, left: Any, right: Any) -> None:
        check_same_tenant(left, right, *self.declaration.sides)

    def validate_unlink(self, left: Any, right: Any) -> None:
        """Nothing by default."""

    def link(self, left: Any, right: Any) -> Any:
        raise NotImplementedError

    def unlink(self, left: Any, right: Any) -> Any:
        raise NotImplementedError

    def create_from_body(self, left: Any, body: Any, tenant_uuid: str | None = None) -> Any:
        """A right object made from a request body (the right side's `load_form`) by a
        request of `tenant_uuid`, linked."""
        return self.create_for(left, self.rights.load_form(body), tenant_uuid)

    def create_for(self, left: Any, form: dict, tenant_uuid: str | None = None) -> Any:
        """A right object made from a loaded form by a request of `tenant_uuid` (the left
        one's tenant when not given), then linked as PUT links (a refused link undoes the
        creation with the transaction). The right side's `build` says which tenant it is
        in: the request's, or that of the context it names (kit/context_tenant.py)."""
        rights = self.rights
        created = rights.create(rights.build(form, tenant_uuid or left.tenant_uuid))
        self.associate(left, created)
        return created


class LinkTableService(AssociationService):
    """The links of a declared `table`: one row per linked pair."""

    dao: LinkTableDao

    def linked(self, left: Any, right: Any) -> bool:
        return self.dao.linked(left, right)

    def link(self, left: Any, right: Any) -> None:
        self.dao.link(left, right)

    def unlink(self, left: Any, right: Any) -> None:
        self.dao.unlink(left, right)


class DeclaredAssociation(AssociationResource):
    """The association route of a declaration: its path variables, left then right."""

    service: AssociationService

    def _pair(self, left_id: Any, right_id: Any) -> tuple[Any, Any]:
        left, right = (str(key) if isinstance(key, uuid.UUID) else key for key in (left_id, right_id))
        return self.service.find(left, right, current_auth().item_tenants())

    def put(self, **path: Any) -> tuple[None, int]:
        body = self.service.declaration.body
        if body is None:
            return self.link(*path.values())
        # Both sides first, as upstream: a missing one is a 404 whatever the body.
        pair = self._pair(*path.values())
        self.service.associate_with(*pair, load(shared(body), json_body()))
        return None, 204

    def delete(self, **path: Any) -> tuple[None, int]:
        return self.unlink(*path.values())


def build_association(declaration: Association, deps: Any) -> AssociationService:
    """The association's service, route and provider."""
    service = build_link_service(declaration, deps, AssociationNotifier(deps.outbox, declaration))
    verbs = {'put': 'update', 'delete': 'delete'}
    attrs: dict[str, Any] = {
        '__module__': module_of(declaration),
        'acls': {method: f'{declaration.acl_prefix}.{verbs[method]}' for method in declaration.methods},
        'methods': {method.upper() for method in declaration.methods},
    }
    if declaration.body is not None:
        put = {**AssociationResource.docs['put'], 'body': declaration.body, 'example': declaration.example}
        attrs['docs'] = {**AssociationResource.docs, 'put': put}
    resource = type(declaration.label, (DeclaredAssociation,), attrs)
    add_route(deps, resource, rules_of(declaration.url), declaration.endpoint, service, declaration.provider)
    if declaration.creation is not None:
        build_creation(declaration.creation, service, deps)
    return service
