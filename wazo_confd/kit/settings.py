"""A document of settings without an id (`/asterisk/voicemail/zonemessages`, and upstream's
`/asterisk/*/general` to come): GET reads it, PUT replaces it (204), only the master tenant
may change it; ACLs `<acl>.get` and `<acl>.update`; one `<event>` on `<routing>` with an
empty payload (service family) and the declared reloads per edit.

The dao reads the document (`read()`, dumped by the schema) and replaces it (`write(form)`);
`OrderedRowsDao` does both for a list of rows kept in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from marshmallow import Schema
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wazo_confd.database.uow import Database
from wazo_confd.http.body import json_body
from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import PluginDependencies, Provided

from .notifier import Notifier
from .reloads import Change, Reload, requested
from .routing import add_route
from .schema import load, shared


@dataclass(frozen=True)
class Settings:
    url: str
    endpoint: str
    acl: str
    schema: type[Schema]
    dao: type
    label: str
    # What GET answers, in the OpenAPI document.
    description: str = 'The settings'
    event: str | None = None
    routing: str = ''
    reloads: tuple[Reload, ...] = ()
    service: type[SettingsService] | None = None
    provider: Provided[Any] | None = None
    # A valid PUT body, the request body's `example` (the isolation matrix sends it).
    example: dict | None = None


class OrderedRowsDao:
    """`{"items": [...]}` stored as rows of `model`, whose `position` keeps their order."""

    model: ClassVar[Any]

    def __init__(self, database: Database):
        self.database = database

    @property
    def session(self) -> Session:
        return self.database.session()

    def read(self) -> dict:
        return {'items': list(self.session.scalars(select(self.model).order_by(self.model.position)))}

    def write(self, form: dict) -> None:
        self.session.execute(delete(self.model))
        self.session.add_all(self.model(position=rank, **item) for rank, item in enumerate(form['items']))
        self.session.flush()


class SettingsNotifier(Notifier):
    def __init__(self, outbox: Any, declaration: Settings):
        super().__init__(outbox)
        self.declaration = declaration

    def edited(self) -> None:
        if self.declaration.event is not None:
            self.emit(self.declaration.event, self.declaration.routing, {}, None, family='service')
        self.outbox.request_reload(requested(self.declaration.reloads, Change('edited', None)))


class SettingsService:
    def __init__(self, dao: Any, notifier: SettingsNotifier):
        self.dao = dao
        self.notifier = notifier

    def get(self) -> Any:
        return self.dao.read()

    def edit(self, form: dict) -> None:
        self.dao.write(form)
        self.notifier.edited()


class SettingsResource(ConfdResource):
    schema: ClassVar[type[Schema]]

    def __init__(self, service: SettingsService):
        self.service = service

    def get(self) -> dict:
        return shared(self.schema).dump(self.service.get())

    @master_tenant_only
    def put(self) -> tuple[None, int]:
        self.service.edit(load(shared(self.schema), json_body()))
        return None, 204


def build_settings(declaration: Settings, deps: PluginDependencies) -> SettingsService:
    notifier = type(f'{declaration.label}Notifier', (SettingsNotifier,), {'reloads': declaration.reloads})
    service = (declaration.service or SettingsService)(
        declaration.dao(deps.database), notifier(deps.outbox, declaration)
    )
    name = declaration.schema.__name__.removesuffix('Schema')
    attrs = {
        '__module__': declaration.schema.__module__,
        'schema': declaration.schema,
        'acls': {'get': f'{declaration.acl}.get', 'put': f'{declaration.acl}.update'},
        'docs': {
            'get': {
                'response': {
                    'description': declaration.description,
                    'content': {'application/json': {'schema': {'$ref': f'#/components/schemas/{name}'}}},
                }
            },
            'put': {
                'status': 204,
                'response': {'description': 'Updated'},
                'body': True,
                'example': declaration.example,
            },
        },
    }
    resource = type(declaration.label, (SettingsResource,), attrs)
    add_route(deps, resource, [declaration.url], declaration.endpoint, service, declaration.provider)
    return service
