"""The built-in key backend: API keys stored hashed in our own database.

A key found in the database is remembered for the verifier's cache TTL, so that requests on
many objects (each rendering its own ACL, e.g. `confd.users.<uuid>.read`) do not each cost a
database lookup; a revoked key therefore stops working within the same TTL as before.
"""

from __future__ import annotations

import uuid as uuid_module

from wazo_confd import tenancy
from wazo_confd.database.uow import Database
from wazo_confd.errors import Unauthorized

from . import keys
from .acl import AccessCheck
from .verifier import Identity, TTLCache


def _is_uuid(value: str) -> bool:
    try:
        uuid_module.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return True


class LocalBackend:
    # The tree changes through our own /tenants: read it fresh (one cheap query), so a
    # tenant is visible as soon as it is created.
    cache_tenants = False

    def __init__(self, database: Database, cache_ttl: float = 0, cache_size: int = 4096):
        self._database = database
        self._keys = TTLCache(cache_ttl, cache_size)

    def _find_key(self, token: str) -> tuple[str, AccessCheck] | None:
        cached = self._keys.get(('key', token))
        if cached is not None:
            return cached  # type: ignore[return-value]
        with self._database.new_read_session() as session:
            key = keys.find_by_secret(session, token)
            if key is None:
                return None
            found = (key.tenant_uuid, AccessCheck(key.acl))
        self._keys.put(('key', token), found)
        return found

    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        found = self._find_key(token)
        if found is None:
            raise Unauthorized('Unauthorized token: invalid or unknown')
        key_tenant_uuid, access = found
        if not access.matches(required_acl):
            raise Unauthorized(f'Unauthorized: ACL {required_acl} is not granted')
        if tenant_uuid is not None and tenant_uuid != key_tenant_uuid:
            if not _is_uuid(tenant_uuid) or tenant_uuid not in self.visible_tenants(token, key_tenant_uuid):
                raise Unauthorized(f'Unauthorized tenant: {tenant_uuid}')
        return Identity(tenant_uuid=key_tenant_uuid)

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        # Inside a request's unit of work, through its own connection (on SQLite another
        # connection would wait for the request's write lock). Before one (a `Wazo-Tenant`
        # check), a read outside a transaction: one round trip instead of BEGIN, SELECT, ROLLBACK.
        session = self._database.active_session()
        if session is not None:
            with session.no_autoflush:
                return tenancy.subtree(session, tenant_uuid)
        with self._database.new_read_session() as session:
            return tenancy.subtree(session, tenant_uuid)
