"""Tenant rules beyond the kit's: a slug by default, and the default SIP templates each
tenant shows (from the SIP endpoints plugin, when it is there).

Tenant changes send no event: upstream, tenant events come from wazo-auth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wazo_confd.database.search import SearchParams
from wazo_confd.interfaces import SIP_TEMPLATE_DEFAULTS
from wazo_confd.kit.service import CRUDService
from wazo_confd.tenancy import Tenant, slugify


class TenantService(CRUDService):
    def search(self, params: SearchParams, tenant_uuids: Sequence[str] | None) -> tuple[int, list[Tenant]]:
        total, tenants = super().search(params, tenant_uuids)
        return total, self._with_sip_templates(*tenants)

    def get(self, tenant_uuid: Any, tenant_uuids: Sequence[str] | None) -> Tenant:
        [tenant] = self._with_sip_templates(super().get(tenant_uuid, tenant_uuids))
        return tenant

    def create(self, tenant: Tenant) -> Tenant:
        if not tenant.slug:
            tenant.slug = slugify(tenant.name or '')
        [created] = self._with_sip_templates(super().create(tenant))
        return created

    def _with_sip_templates(self, *tenants: Tenant) -> list[Tenant]:
        """The tenants, each carrying its default SIP templates ({kind: template uuid}) for
        its schema, read in one statement for all of them."""
        # The SIP endpoints plugin may load after this one, or not at all.
        lookup = self.providers.get(SIP_TEMPLATE_DEFAULTS) if SIP_TEMPLATE_DEFAULTS in self.providers else None
        found = lookup([tenant.uuid for tenant in tenants]) if lookup is not None and tenants else {}
        for tenant in tenants:
            tenant.sip_templates = found.get(tenant.uuid, {})  # type: ignore[attr-defined]
        return list(tenants)
