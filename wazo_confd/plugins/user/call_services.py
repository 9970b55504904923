"""A user's call services and forwards, read and changed on their own routes:
/users/{id}/services (dnd, incallfilter) and /users/{id}/forwards (busy, noanswer,
unconditional). Each change tells the user's clients with one event per service or forward
of the route (`users_services_dnd_updated`, ...); it is not a user edit (no `user_edited`,
no reload), as upstream."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from marshmallow import Schema, fields, post_load, pre_dump, validate

from wazo_confd.bus.envelope import escape_routing_value
from wazo_confd.errors import ResourceError
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.notifier import Notifier
from wazo_confd.kit.routing import rules_of
from wazo_confd.kit.schema import BaseSchema, StrictBoolean, StrictString, load, shared
from wazo_confd.plugin_api import PluginDependencies

from .model import User

if TYPE_CHECKING:
    from .service import UserService

SERVICES = ('dnd', 'incallfilter')
FORWARDS = ('busy', 'noanswer', 'unconditional')


class ServiceDNDSchema(BaseSchema):
    enabled = StrictBoolean(attribute='dnd_enabled', required=True)


class ServiceIncallFilterSchema(BaseSchema):
    enabled = StrictBoolean(attribute='incallfilter_enabled', required=True)


def _forward_schema(name: str, forward: str) -> type[Schema]:
    return type(
        name,
        (BaseSchema,),
        {
            'enabled': StrictBoolean(attribute=f'{forward}_enabled'),
            'destination': StrictString(
                attribute=f'{forward}_destination', validate=validate.Length(max=128), allow_none=True
            ),
        },
    )


ForwardBusySchema = _forward_schema('ForwardBusySchema', 'busy')
ForwardNoAnswerSchema = _forward_schema('ForwardNoAnswerSchema', 'noanswer')
ForwardUnconditionalSchema = _forward_schema('ForwardUnconditionalSchema', 'unconditional')


class _Envelope(BaseSchema):
    """All of a user's services (or forwards), each under its name; loaded as the user's
    attributes of those given."""

    @pre_dump
    def add_envelope(self, user: Any, **kwargs: Any) -> dict:
        return {name: user for name in self.fields}

    @post_load
    def remove_envelope(self, data: dict, **kwargs: Any) -> dict:
        return {key: value for part in data.values() for key, value in part.items()}


class ServicesSchema(_Envelope):
    dnd = fields.Nested(ServiceDNDSchema)
    incallfilter = fields.Nested(ServiceIncallFilterSchema)


class ForwardsSchema(_Envelope):
    busy = fields.Nested(ForwardBusySchema)
    noanswer = fields.Nested(ForwardNoAnswerSchema)
    unconditional = fields.Nested(ForwardUnconditionalSchema)


class CallServiceNotifier(Notifier):
    def services_edited(self, user: User, names: tuple[str, ...]) -> None:
        for name in names:
            payload = {'enabled': bool(getattr(user, f'{name}_enabled'))}
            self._send(user, 'services', 'service_name', name, payload)

    def forwards_edited(self, user: User, names: tuple[str, ...]) -> None:
        for name in names:
            payload = {
                'enabled': bool(getattr(user, f'{name}_enabled')),
                'destination': getattr(user, f'{name}_destination'),
            }
            self._send(user, 'forwards', 'forward_name', name, payload)

    def _send(self, user: User, kind: str, header: str, name: str, payload: dict) -> None:
        self.emit(
            f'users_{kind}_{name}_updated',
            f'config.users.{escape_routing_value(user.uuid)}.{kind}.{name}.updated',
            {'user_id': user.id, 'user_uuid': user.uuid, 'tenant_uuid': user.tenant_uuid, **payload},
            user.tenant_uuid,
            family='user',
            user_uuids=[user.uuid],
            extra_headers={header: name},
        )


class CallServices:
    """Reads and changes the services or forwards of a user of the request's tenants."""

    def __init__(self, users: UserService, notifier: CallServiceNotifier):
        self.users = users
        self.notifier = notifier

    def get(self, user_id: Any, tenant_uuids: Sequence[str]) -> User:
        key = str(user_id) if isinstance(user_id, uuid.UUID) else user_id
        return self.users.get(key, tenant_uuids)

    def edit(self, user: User, form: dict, kind: str, names: tuple[str, ...]) -> None:
        for attribute, value in form.items():
            setattr(user, attribute, value)
        if kind == 'forwards':
            # As upstream, checked on every forward: an enabled one keeps a destination.
            for name in FORWARDS:
                if getattr(user, f'{name}_enabled') and getattr(user, f'{name}_destination') is None:
                    raise ResourceError('Forward must be disabled to remove destination')
        self.users.dao.edit(user)
        if kind == 'forwards':
            self.notifier.forwards_edited(user, names)
        else:
            self.notifier.services_edited(user, names)

    def set_forwards(self, user: User, body: Any) -> dict:
        """The forwards nested in POST /users, set as PUT /users/{id}/forwards does; their
        representation."""
        self.edit(user, load(shared(ForwardsSchema), body), 'forwards', FORWARDS)
        return shared(ForwardsSchema).dump(user)


class CallServiceResource(ConfdResource):
    schema: ClassVar[type[Schema]]
    kind: ClassVar[str]  # services or forwards
    names: ClassVar[tuple[str, ...]]  # the services or forwards the route reads and changes
    operation_kinds = {'get': 'read', 'put': 'update'}
    # The PUT body is loaded whole (a service's `enabled` is required), as upstream.
    docs = {'put': {'partial': False}}

    def __init__(self, service: CallServices):
        self.service = service

    def get(self, user_id: Any) -> dict:
        return shared(self.schema).dump(self.service.get(user_id, current_auth().item_tenants()))

    def put(self, user_id: Any) -> tuple[None, int]:
        user = self.service.get(user_id, current_auth().item_tenants())
        self.service.edit(user, load(shared(self.schema), json_body()), self.kind, self.names)
        return None, 204


ROUTES: tuple[tuple[str, type[Schema], str, tuple[str, ...], str], ...] = (
    # path under /users/{id}, schema, kind, names, ACL (upstream's: incallfilter reuses dnd's)
    ('services/dnd', ServiceDNDSchema, 'services', ('dnd',), 'services.dnd'),
    ('services/incallfilter', ServiceIncallFilterSchema, 'services', ('incallfilter',), 'services.dnd'),
    ('services', ServicesSchema, 'services', SERVICES, 'services'),
    ('forwards/busy', ForwardBusySchema, 'forwards', ('busy',), 'forwards.busy'),
    ('forwards/noanswer', ForwardNoAnswerSchema, 'forwards', ('noanswer',), 'forwards.noanswer'),
    ('forwards/unconditional', ForwardUnconditionalSchema, 'forwards', ('unconditional',), 'forwards.unconditional'),
    ('forwards', ForwardsSchema, 'forwards', FORWARDS, 'forwards'),
)


def add_call_service_routes(users: UserService, deps: PluginDependencies) -> None:
    service = CallServices(users, CallServiceNotifier(deps.outbox))
    users.call_services = service
    for path, schema, kind, names, acl in ROUTES:
        label = ''.join(part.title() for part in path.split('/'))
        resource = type(
            f'User{label}',
            (CallServiceResource,),
            {
                '__module__': __name__,
                'schema': schema,
                'kind': kind,
                'names': names,
                'acls': {'get': f'confd.users.{{user_id}}.{acl}.read', 'put': f'confd.users.{{user_id}}.{acl}.update'},
            },
        )
        deps.api.add_resource(
            resource,
            *rules_of(f'/users/<uuid-or-int:user_id>/{path}'),
            endpoint=f'user{label.lower()}',
            resource_class_kwargs={'service': service},
        )
