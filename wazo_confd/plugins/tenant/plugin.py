"""The tenants plugin: read the tenant tree; with the local backend, also shape it (with
wazo-auth, tenants are its own: POST, PUT and DELETE answer 405, as upstream).

Tenant changes send no event: upstream, tenant events come from wazo-auth.
"""

from __future__ import annotations

import dataclasses

from wazo_confd.database.base import new_uuid
from wazo_confd.errors import InputError
from wazo_confd.http.auth import current_auth
from wazo_confd.kit.builder import DeclaredPlugin, build
from wazo_confd.kit.declaration import Resource, search_on
from wazo_confd.kit.resource import ListResource
from wazo_confd.plugin_api import PluginDependencies
from wazo_confd.tenancy import Tenant

from .dao import TenantDao
from .schema import TenantEditSchema, TenantSchema
from .service import TenantService
from .validator import build_validator


class TenantList(ListResource):
    def ensure_tenant(self) -> None:
        """A tenant is made below an existing one (checked by `build_model`)."""

    def build_model(self, form: dict) -> Tenant:
        auth = current_auth()
        parent_uuid = str(form.get('parent_uuid') or auth.tenant_uuid)
        # A sub-tenant of a tenant the caller may see.
        if parent_uuid not in auth.item_tenants():
            raise InputError("field 'parent_uuid': Tenant was not found", {'parent_uuid': parent_uuid})
        return Tenant(
            uuid=str(form.get('uuid') or new_uuid()), name=form['name'], slug=form.get('slug'), parent_uuid=parent_uuid
        )


TENANTS = Resource(
    model=Tenant,
    schema=TenantSchema,
    url='/tenants',
    endpoints=('tenantlist', 'tenants'),
    id='uuid',
    id_var='uuid',
    id_field='uuid',
    operations=('list', 'read'),
    search=search_on(Tenant, 'uuid', default_sort='uuid'),
    unique=('uuid',),
    validators=build_validator,
    dao=TenantDao,
    service=TenantService,
    list_resource=TenantList,
)
LOCAL_TENANTS = dataclasses.replace(
    TENANTS,
    label='LocalTenant',
    operations=('list', 'create', 'read', 'update', 'delete'),
    master_only=('create', 'update', 'delete'),
    put_schema=TenantEditSchema,
)


class Plugin(DeclaredPlugin):
    def load(self, deps: PluginDependencies) -> None:
        build(LOCAL_TENANTS if deps.config['auth']['backend'] == 'local' else TENANTS, deps)
