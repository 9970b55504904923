"""Tenant rules beyond the kit's: a slug by default, and the default SIP templates each
tenant shows (from the SIP endpoints plugin, when it is there).

Tenant changes send no event: upstream, tenant events come from wazo-auth.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchParams
from wazo_confd.interfaces import SIP_TEMPLATE_DEFAULTS
from wazo_confd.kit.service import CRUDService
from wazo_confd.tenancy import Tenant, slugify


class TenantService(CRUDService):
    def search(self, params: SearchParams, tenant_uuids: list[str] | None) -> tuple[int, list[Tenant]]:
        total, tenants = super().search(params, tenant_uuids)
        return total, [self._with_sip_templates(tenant) for tenant in tenants]

    def get(self, tenant_uuid: Any, tenant_uuids: list[str] | None) -> Tenant:
        return self._with_sip_templates(super().get(tenant_uuid, tenant_uuids))

    def create(self, tenant: Tenant) -> Tenant:
        if not tenant.slug:
            tenant.slug = slugify(tenant.name or '')
        return self._with_sip_templates(super().create(tenant))

    def _with_sip_templates(self, tenant: Tenant) -> Tenant:
        """The tenant, carrying its default SIP templates ({kind: template uuid}) for its schema."""
        # The SIP endpoints plugin may load after this one, or not at all.
        found = self.providers.get(SIP_TEMPLATE_DEFAULTS) if SIP_TEMPLATE_DEFAULTS in self.providers else None
        tenant.sip_templates = found(tenant.uuid) if found is not None else {}  # type: ignore[attr-defined]
        return tenant
