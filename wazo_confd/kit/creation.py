"""`POST /a/{id}/bs`: a b made from the body by the request's tenant, and linked to it in the
same transaction (upstream's `POST /lines/{id}/extensions`, `POST /users/{id}/voicemails`).

Declared as the `creation` of an `Association`; its service makes the object
(`create_from_body`: the right side's `load_form`, then `create_for`) and answers 201 with
the object's representation and `Location`, its item route.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import url_for

from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource

from .routing import acl_of, add_route, rules_of

if TYPE_CHECKING:
    from wazo_confd.plugin_api import PluginDependencies

    from .association import AssociationService


@dataclass(frozen=True, kw_only=True)
class Creation:
    url: str
    endpoint: str
    label: str
    # The item endpoint of the created object (its `Location`).
    location: str
    # The whole ACL of the POST where upstream's differs from its rule's
    # (`confd.lines.{line_id}.extensions.create` for `/lines/<int:line_id>/extensions`).
    acl: str | None = None
    # A subclass of `CreationResource` answering more methods on the same route, with
    # their `acls` and `docs`.
    resource: type[CreationResource] | None = None
    docs: dict[str, Any] = field(default_factory=dict)


class CreationResource(ConfdResource):
    service: AssociationService

    def __init__(self, service: AssociationService):
        self.service = service

    def find_left(self, left_id: Any) -> Any:
        key = str(left_id) if isinstance(left_id, uuid.UUID) else left_id
        return self.service.lefts.get(key, current_auth().item_tenants())

    def post(self, **path: Any) -> tuple[dict, int, dict]:
        [left_id] = path.values()
        auth = current_auth()
        created = self.service.create_from_body(self.find_left(left_id), json_body(), auth.tenant_uuid)
        location = url_for(self.location, _external=True, id=created.id)
        return self.service.rights.dump(created), 201, {'Location': location}

    location: str


def build_creation(declaration: Creation, service: AssociationService, deps: PluginDependencies) -> None:
    base = declaration.resource or CreationResource
    post = {'status': 201, 'response': {'description': 'Created and associated'}, **declaration.docs}
    attrs = {
        '__module__': type(service).__module__,
        'acls': {**base.acls, 'post': declaration.acl or f'{acl_of(declaration.url)}.create'},
        'docs': {**base.docs, 'post': post},
        'location': declaration.location,
    }
    resource = type(declaration.label, (base,), attrs)
    add_route(deps, resource, rules_of(declaration.url), declaration.endpoint, service)
