"""Tenant rules: reads for every backend; create, rename and delete for the local one.

Tenant changes send no event: upstream, tenant events come from wazo-auth.
"""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd.database.search import SearchParams
from wazo_confd.errors import InputError
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.tenancy import Tenant, slugify

from .dao import TenantDao


class TenantService:
    def __init__(
        self,
        dao: TenantDao,
        validator: ValidationGroup,
        sip_template_defaults: Callable[[str], dict[str, str]] = lambda _tenant_uuid: {},
    ):
        self.dao = dao
        self.validator = validator
        self.sip_template_defaults = sip_template_defaults

    def search(self, params: SearchParams, tenant_uuids: list[str] | None) -> tuple[int, list[Tenant]]:
        total, tenants = self.dao.search(params, tenant_uuids)
        return total, [self._with_sip_templates(tenant) for tenant in tenants]

    def get(self, tenant_uuid: str, tenant_uuids: list[str] | None) -> Tenant:
        return self._with_sip_templates(self.dao.get(tenant_uuid, tenant_uuids))

    def _with_sip_templates(self, tenant: Tenant) -> Tenant:
        """The tenant, carrying its default SIP templates ({kind: template uuid}) for its schema."""
        tenant.sip_templates = self.sip_template_defaults(tenant.uuid)  # type: ignore[attr-defined]
        return tenant

    def create(self, tenant: Tenant, visible_tenants: list[str]) -> Tenant:
        """A sub-tenant of a tenant the caller may see."""
        if tenant.parent_uuid not in visible_tenants:
            raise InputError("field 'parent_uuid': Tenant was not found", {'parent_uuid': tenant.parent_uuid})
        if not tenant.slug:
            tenant.slug = slugify(tenant.name or '')
        self.validator.validate_create(tenant)
        return self._with_sip_templates(self.dao.create(tenant))

    def edit(self, tenant: Tenant) -> None:
        self.validator.validate_edit(tenant)
        self.dao.edit(tenant)

    def delete(self, tenant: Tenant) -> None:
        self.validator.validate_delete(tenant)
        self.dao.delete(tenant)
