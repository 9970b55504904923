"""HTTP resources of /registrars and /registrars/{id}, for the master tenant only."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Registrar
from .schema import RegistrarSchema


class RegistrarList(ListResource):
    acls = {'get': 'confd.registrars.read', 'post': 'confd.registrars.create'}
    master_tenant_only = True
    schema = RegistrarSchema
    model = Registrar
    item_endpoint = 'registrars'


class RegistrarItem(ItemResource):
    acls = {
        'get': 'confd.registrars.{id}.read',
        'put': 'confd.registrars.{id}.update',
        'delete': 'confd.registrars.{id}.delete',
    }
    master_tenant_only = True
    schema = RegistrarSchema

    def apply(self, obj: Any, form: dict) -> None:
        # The id is chosen once, at creation: lines name the registrar by it.
        form.pop('id', None)
        super().apply(obj, form)
