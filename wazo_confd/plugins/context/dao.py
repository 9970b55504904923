"""SQL for contexts beyond CRUD: lookups by name within a tenant subtree, tenant slugs."""

from __future__ import annotations

from wazo_confd import tenancy
from wazo_confd.kit.dao import CRUDDao

from .model import Context


class ContextDao(CRUDDao[Context]):
    def find_in_subtree(self, name: str, tenant_uuid: str) -> Context | None:
        """The context of that name in the tenant or one of its sub-tenants."""
        # Asked by validators: the change under validation must not be flushed yet.
        with self.session.no_autoflush:
            tenants = tenancy.subtree(self.session, tenant_uuid)
        return self.find_by(tenants, name=name)

    def tenant_slug(self, tenant_uuid: str) -> str:
        tenant = tenancy.get(self.session, tenant_uuid)
        return (tenant.slug if tenant is not None else None) or tenancy.slugify('')
