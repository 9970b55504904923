"""The registrars plugin: /registrars (the master tenant's), and the `registrar_service`
the lines plugin asks."""

from __future__ import annotations

import uuid
from typing import Any

from wazo_confd import interfaces
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.resource import ItemResource
from wazo_confd.kit.service import CRUDService

from .model import Registrar
from .schema import EVENT_FIELDS, RegistrarSchema
from .validator import build_validator


class RegistrarService(CRUDService):
    def create(self, registrar: Registrar) -> Registrar:
        # As provd does for a config posted without one.
        registrar.id = registrar.id or uuid.uuid4().hex
        return super().create(registrar)

    def find(self, registrar_id: str) -> Registrar | None:
        """The registrar of that id, or None."""
        return self.dao.find_by(id=registrar_id)


class RegistrarItem(ItemResource):
    def apply(self, obj: Any, form: dict) -> None:
        # The id is chosen once, at creation: lines name the registrar by it.
        form.pop('id', None)
        super().apply(obj, form)


FIELDS = tuple(name for name in EVENT_FIELDS if name != 'deletable')

REGISTRARS = Resource(
    model=Registrar,
    schema=RegistrarSchema,
    url='/registrars',
    endpoints=('registrarlist', 'registrars'),
    id='string',
    scope='master',
    search=search_on(Registrar, *FIELDS, default_sort='name', tiebreak=Registrar.id),
    events=Events('registrar', 'config.registrar', payload=EVENT_FIELDS, family='service'),
    unique=('id',),
    validators=build_validator,
    service=RegistrarService,
    item_resource=RegistrarItem,
    provides=interfaces.REGISTRARS,
    example={'name': 'Main', 'main_host': '10.0.0.1', 'proxy_main_host': '10.0.0.2'},
    update_example={'name': 'Backup'},
)


class Plugin(DeclaredPlugin):
    resources = (REGISTRARS,)
