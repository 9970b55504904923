"""Tenant rules: reads for every backend; create, rename and delete for the local one.

Tenant changes send no event: upstream, tenant events come from wazo-auth.
"""

from __future__ import annotations

from wazo_confd.database.search import SearchParams
from wazo_confd.errors import InputError
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.tenancy import Tenant, slugify

from .dao import TenantDao


class TenantService:
    def __init__(self, dao: TenantDao, validator: ValidationGroup):
        self.dao = dao
        self.validator = validator

    def search(self, params: SearchParams, tenant_uuids: list[str] | None) -> tuple[int, list[Tenant]]:
        return self.dao.search(params, tenant_uuids)

    def get(self, tenant_uuid: str, tenant_uuids: list[str] | None) -> Tenant:
        return self.dao.get(tenant_uuid, tenant_uuids)

    def create(self, tenant: Tenant, visible_tenants: list[str]) -> Tenant:
        """A sub-tenant of a tenant the caller may see."""
        if tenant.parent_uuid not in visible_tenants:
            raise InputError("field 'parent_uuid': Tenant was not found", {'parent_uuid': tenant.parent_uuid})
        if not tenant.slug:
            tenant.slug = slugify(tenant.name or '')
        self.validator.validate_create(tenant)
        return self.dao.create(tenant)

    def edit(self, tenant: Tenant) -> None:
        self.validator.validate_edit(tenant)
        self.dao.edit(tenant)

    def delete(self, tenant: Tenant) -> None:
        self.validator.validate_delete(tenant)
        self.dao.delete(tenant)
