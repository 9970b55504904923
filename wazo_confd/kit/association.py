"""Association routes: `PUT` links two objects, `DELETE` unlinks them, both answer 204.

Both sides are looked up among the tenants visible to the token (404 otherwise); the
service then checks that they belong to the same tenant.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema

from wazo_confd.errors import different_tenants
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import Provided

from .notifier import Notifier
from .reloads import Change, Reload, requested
from .routing import add_route
from .schema import load, shared


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

    def find_left(self, left_id: Any, tenant_uuids: list[str]) -> Any:
        raise NotImplementedError

    def find_right(self, right_id: Any, tenant_uuids: list[str]) -> Any:
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


@dataclass(frozen=True)
class Association:
    """`PUT <url>` links a left object to a right one, `DELETE <url>` unlinks them (204).

    Each side is found through the `get(id, tenants)` of another plugin's service, named by
    its provider; `acl` is the prefix of `.update` (PUT) and `.delete` (DELETE). Events are
    `<event>_associated` on `<routing>.updated` and `<event>_dissociated` on
    `<routing>.deleted`, the routing key a template of `left` and `right`
    (`config.lines.{left.id}.endpoints.sccp.{right.id}`)."""

    url: str
    endpoint: str
    acl: str
    left: Provided[Any]
    right: Provided[Any]
    label: str
    service: type[AssociationService]
    # How the `different tenants` error names each side.
    sides: tuple[str, str] = ('left', 'right')
    event: str | None = None
    routing: str = ''
    payload: Callable[[Any, Any], dict] | None = None
    reloads: tuple[Reload, ...] = ()
    # Registered as this provider, for plugins that link the two on their own (nested creation).
    provider: Provided[Any] | None = None
    # A PUT body describing the link (an outcall's dial pattern): loaded, then handed to
    # the service's `associate_with(left, right, form)` instead of `associate`.
    body: type[Schema] | None = None
    example: dict | None = None
    # More rules of the same route (a user named by its id or its uuid).
    aliases: tuple[str, ...] = ()
    # The users an event is about (a `user` family event: `user_uuid:<uuid>` headers);
    # a tenant event (`user_uuid:*`) when None.
    users: Callable[[Any, Any], list[str]] | None = None


class AssociationNotifier(Notifier):
    def __init__(self, outbox: Any, declaration: Association):
        super().__init__(outbox)
        self.declaration = declaration

    def send(self, action: str, verb: str, left: Any, right: Any) -> None:
        declaration = self.declaration
        if declaration.event is not None and declaration.payload is not None:
            routing_key = f'{declaration.routing.format(left=left, right=right)}.{verb}'
            payload = declaration.payload(left, right)
            users = declaration.users
            family, user_uuids = ('tenant', None) if users is None else ('user', users(left, right))
            self.emit(f'{declaration.event}_{action}', routing_key, payload, left.tenant_uuid, family, user_uuids)
        self.outbox.request_reload(requested(declaration.reloads, Change(action, left)))


class AssociationService:
    """Link and unlink, each step a hook: `lock`, `linked`, `validate_link`, `link`, ..."""

    def __init__(self, declaration: Association, providers: Any, notifier: AssociationNotifier):
        self.declaration = declaration
        self.providers = providers
        self.notifier = notifier

    @property
    def lefts(self) -> Any:
        return self.providers.get(self.declaration.left)

    @property
    def rights(self) -> Any:
        return self.providers.get(self.declaration.right)

    def find(self, left_id: Any, right_id: Any, tenant_uuids: Any) -> tuple[Any, Any]:
        return self.lefts.get(left_id, tenant_uuids), self.rights.get(right_id, tenant_uuids)

    def associate(self, left: Any, right: Any) -> None:
        self.lock(left)
        if self.linked(left, right):
            return
        self.validate_link(left, right)
        self.link(left, right)
        self.notifier.send('associated', 'updated', left, right)

    def associate_with(self, left: Any, right: Any, form: dict) -> None:
        """A link described by the PUT body (declared `body`): the plugin's to write."""
        raise NotImplementedError

    def dissociate(self, left: Any, right: Any) -> None:
        self.lock(left)
        if not self.linked(left, right):
            return
        self.validate_unlink(left, right)
        self.unlink(left, right)
        self.notifier.send('dissociated', 'deleted', left, right)

    def lock(self, left: Any) -> None:
        """Wait for concurrent links of `left` (its row locked)."""
        self.lefts.lock(left)

    def linked(self, left: Any, right: Any) -> bool:
        raise NotImplementedError

    def validate_link(self, left: Any, right: Any) -> None:
        check_same_tenant(left, right, *self.declaration.sides)

    def validate_unlink(self, left: Any, right: Any) -> None:
        """Nothing by default."""

    def link(self, left: Any, right: Any) -> None:
        raise NotImplementedError

    def unlink(self, left: Any, right: Any) -> None:
        raise NotImplementedError


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
        form = load(shared(body), json_body())
        self.service.associate_with(*self._pair(*path.values()), form)
        return None, 204

    def delete(self, **path: Any) -> tuple[None, int]:
        return self.unlink(*path.values())


def build_association(declaration: Association, deps: Any) -> AssociationService:
    """The association's service, route and provider."""
    service = declaration.service(declaration, deps.providers, AssociationNotifier(deps.outbox, declaration))
    attrs: dict[str, Any] = {
        '__module__': declaration.service.__module__,
        'acls': {'put': f'{declaration.acl}.update', 'delete': f'{declaration.acl}.delete'},
    }
    if declaration.body is not None:
        put = {**AssociationResource.docs['put'], 'body': declaration.body, 'example': declaration.example}
        attrs['docs'] = {**AssociationResource.docs, 'put': put}
    resource = type(declaration.label, (DeclaredAssociation,), attrs)
    add_route(
        deps, resource, [declaration.url, *declaration.aliases], declaration.endpoint, service, declaration.provider
    )
    return service
