"""Copy wazo-auth's tenant tree into our tenant table, and learn the master tenant.

The master tenant is the tenant of the daemon's own service token (a service account of the
master tenant); the tree is read with that token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from wazo_confd import installation, tenancy
from wazo_confd.database.uow import Database

from .wazo_auth import WazoAuthClient, list_tenants

logger = logging.getLogger(__name__)


class TenantSync:
    def __init__(self, database: Database, client: WazoAuthClient, on_master: Callable[[str], None]):
        self.database = database
        self.client = client
        self.on_master = on_master

    def __call__(self, token: str, master_uuid: str | None) -> None:
        if not master_uuid:
            logger.error('the service token has no tenant: the master tenant stays unknown')
            return
        tenants = list_tenants(self.client, token, master_uuid)
        with self.database.unit_of_work() as uow:
            for tenant in _parents_first(tenants):
                row = tenancy.ensure(uow.session, tenant['uuid'])
                row.name = tenant.get('name')
                row.slug = tenant.get('slug')
                parent = tenant.get('parent_uuid')
                known = parent and parent != tenant['uuid'] and tenancy.get(uow.session, parent) is not None
                row.parent_uuid = parent if known else None
            tenancy.ensure(uow.session, master_uuid)
            installation.get(uow.session).master_tenant_uuid = master_uuid
        logger.info('synchronized %d tenants from wazo-auth (master %s)', len(tenants), master_uuid)
        self.on_master(master_uuid)


def _parents_first(tenants: list[dict]) -> list[dict]:
    by_uuid = {t['uuid']: t for t in tenants}
    ordered: list[dict] = []
    seen: set[str] = set()

    def visit(tenant: dict) -> None:
        if tenant['uuid'] in seen:
            return
        seen.add(tenant['uuid'])
        parent = by_uuid.get(tenant.get('parent_uuid') or '')
        if parent is not None:
            visit(parent)
        ordered.append(tenant)

    for tenant in tenants:
        visit(tenant)
    return ordered
