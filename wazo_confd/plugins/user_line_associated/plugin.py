"""GET /users/{id}/lines/{line_id|main}/associated/endpoints/sip: the SIP endpoint of one of
a user's lines (its main line: `main`), shown as /endpoints/sip/{uuid} shows it. Users,
lines and SIP endpoints come from their plugins' providers, looked up at request time."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from flask import request
from marshmallow import Schema

from wazo_confd.errors import NotFoundError, not_found
from wazo_confd.http.auth import current_auth
from wazo_confd.http.resource import ConfdResource
from wazo_confd.interfaces import LINES, SIP_ENDPOINT_VIEWS, USERS
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.routing import rules_of
from wazo_confd.plugin_api import PluginDependencies, Providers

URL = '/users/<uuid-or-int:user_id>/lines/<line_id>/associated/endpoints/sip'
# As upstream: a line that is not the user's, or has no SIP endpoint, is this bare 404.
NOT_FOUND = 'Resource Not Found.'


class UserLineEndpointSIP(ConfdResource):
    acls = {'get': 'confd.users.{user_id}.lines.{line_id}.associated.endpoints.sip.read'}
    operation_kinds = {'get': 'read'}
    docs = {'get': {'query': {'view': ['merged']}}}
    # The SIP endpoints' schema, once their plugin offers it (for the document).
    schema: ClassVar[type[Schema] | None] = None

    def __init__(self, providers: Providers):
        self.providers = providers

    def get(self, user_id: Any, line_id: str) -> Any:
        tenants = current_auth().item_tenants()
        user = self.providers.get(USERS).get(str(user_id) if isinstance(user_id, uuid.UUID) else user_id, tenants)
        views = self.providers.get(SIP_ENDPOINT_VIEWS)
        view = request.args.get('view')
        views.check_view(view)
        if line_id == 'main':
            line = user.lines[0] if user.lines else None
        else:
            line = self._line(line_id, tenants)
            line = line if any(mine is line for mine in user.lines) else None
        if line is None or line.endpoint_sip is None:
            return NOT_FOUND, 404
        return views.dump_view(line.endpoint_sip, view)

    def _line(self, line_id: str, tenants: Any) -> Any:
        # Named as given, as upstream: `('id': '42')`.
        if line_id.isdigit():
            try:
                return self.providers.get(LINES).get(int(line_id), tenants)
            except NotFoundError:
                pass
        raise not_found('Line', id=line_id)


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        enabled = deps.config.get('enabled_plugins', {})
        if not all(enabled.get(name) for name in ('users', 'lines', 'endpoint_sip')):
            return
        # A class per load: the schema set below is this daemon's.
        resource: type[UserLineEndpointSIP] = type('UserLineEndpointSIP', (UserLineEndpointSIP,), {})

        def document(schema: type[Schema]) -> None:
            resource.schema = schema

        contributions(deps.providers).when_offered('endpoint_sip', document)
        deps.api.add_resource(
            resource,
            *rules_of(URL),
            endpoint='userlineassociatedendpointsipitem',
            resource_class_kwargs={'providers': deps.providers},
        )
