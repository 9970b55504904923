"""The tenants plugin: read the tenant tree; with the local backend, also shape it."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import TenantDao
from .resource import LocalTenantItem, LocalTenantList, TenantItem, TenantList
from .service import TenantService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = TenantDao(deps.database)
        service = TenantService(dao, build_validator(dao))
        deps.providers.register('tenant_service', service)
        local = deps.config['auth']['backend'] == 'local'
        list_resource, item_resource = (LocalTenantList, LocalTenantItem) if local else (TenantList, TenantItem)
        kwargs = {'service': service}
        deps.api.add_resource(list_resource, '/tenants', endpoint='tenantlist', resource_class_kwargs=kwargs)
        deps.api.add_resource(item_resource, '/tenants/<uuid:uuid>', endpoint='tenants', resource_class_kwargs=kwargs)
