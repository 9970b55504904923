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
        providers = deps.providers

        def sip_template_defaults(tenant_uuid: str) -> dict[str, str]:
            # The SIP endpoints plugin may load after this one, or not at all.
            if 'sip_template_defaults' not in providers:
                return {}
            return providers.get('sip_template_defaults')(tenant_uuid)

        service = TenantService(dao, build_validator(dao), sip_template_defaults)
        deps.providers.register('tenant_service', service)
        local = deps.config['auth']['backend'] == 'local'
        list_resource, item_resource = (LocalTenantList, LocalTenantItem) if local else (TenantList, TenantItem)
        kwargs = {'service': service}
        deps.api.add_resource(list_resource, '/tenants', endpoint='tenantlist', resource_class_kwargs=kwargs)
        deps.api.add_resource(item_resource, '/tenants/<uuid:uuid>', endpoint='tenants', resource_class_kwargs=kwargs)
