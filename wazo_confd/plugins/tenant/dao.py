"""SQL for tenants: the tenant table, scoped by the tenants' own uuids."""

from __future__ import annotations

from sqlalchemy import func, select

from wazo_confd import installation, tenancy
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.tenancy import Tenant


class TenantDao(CRUDDao[Tenant]):
    """Tenants are scoped by their own uuids."""

    tenant_column = 'uuid'

    def create(self, tenant: Tenant) -> Tenant:
        created = super().create(tenant)
        # Plugins give every new tenant its data (the default SIP templates, ...).
        tenancy.created(self.session, created.uuid)
        return created

    def delete(self, tenant: Tenant) -> None:
        # Plugins act on what goes with the tenant (reloads, ...) while it is still there.
        tenancy.removing(self.session, tenant.uuid)
        super().delete(tenant)

    def count_children(self, tenant_uuid: str) -> int:
        return self.session.scalar(select(func.count()).where(Tenant.parent_uuid == tenant_uuid)) or 0

    def master_tenant_uuid(self) -> str | None:
        return installation.get(self.session).master_tenant_uuid
