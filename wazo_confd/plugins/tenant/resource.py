"""HTTP resources of /tenants and /tenants/{uuid}.

With wazo-auth, tenants are read-only here (POST, PUT and DELETE answer 405, as upstream);
with the local backend, keys of the master tenant create, rename and delete sub-tenants.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask import url_for

from wazo_confd.database.base import new_uuid
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.kit.resource import ItemResource, ListResource
from wazo_confd.kit.schema import load
from wazo_confd.tenancy import Tenant

from .schema import TenantEditSchema, TenantSchema


class TenantList(ListResource):
    # wazo-auth owns the tenants: no POST here.
    methods: ClassVar[set[str]] = {'GET', 'HEAD'}
    acls = {'get': 'confd.tenants.read'}
    schema = TenantSchema
    model = Tenant
    item_endpoint = 'tenants'
    item_id_field = 'uuid'
    item_id_var = 'uuid'


class TenantItem(ItemResource):
    methods: ClassVar[set[str]] = {'GET', 'HEAD'}
    acls = {'get': 'confd.tenants.{uuid}.read'}
    schema = TenantSchema
    # HEAD is answered by get(), as for any Flask GET route.
    head = None  # type: ignore[assignment]

    def get(self, uuid: Any) -> dict:
        return self.schema().dump(self.find(str(uuid)))


class LocalTenantList(TenantList):
    methods: ClassVar[set[str]] = {'GET', 'HEAD', 'POST'}
    acls = {'get': 'confd.tenants.read', 'post': 'confd.tenants.create'}

    @master_tenant_only
    def post(self) -> tuple[dict, int, dict]:
        form = load(self.schema(), json_body())
        auth = current_auth()
        tenant = Tenant(
            uuid=str(form.get('uuid') or new_uuid()),
            name=form['name'],
            slug=form.get('slug'),
            parent_uuid=str(form.get('parent_uuid') or auth.tenant_uuid),
        )
        created = self.service.create(tenant, auth.item_tenants())
        location = url_for(self.item_endpoint, _external=True, uuid=created.uuid)
        return self.schema().dump(created), 201, {'Location': location}


class LocalTenantItem(TenantItem):
    methods: ClassVar[set[str]] = {'GET', 'HEAD', 'PUT', 'DELETE'}
    acls = {
        'get': 'confd.tenants.{uuid}.read',
        'put': 'confd.tenants.{uuid}.update',
        'delete': 'confd.tenants.{uuid}.delete',
    }
    docs = {'put': {'body': TenantEditSchema}}

    @master_tenant_only
    def put(self, uuid: Any) -> tuple[None, int]:
        tenant = self.find(str(uuid))
        self.apply(tenant, load(TenantEditSchema(), json_body(), partial=True))
        self.service.edit(tenant)
        return None, 204

    @master_tenant_only
    def delete(self, uuid: Any) -> tuple[None, int]:
        self.service.delete(self.find(str(uuid)))
        return None, 204
