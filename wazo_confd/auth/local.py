"""The built-in key backend: API keys stored hashed in our own database."""

from __future__ import annotations

import uuid as uuid_module

from wazo_confd import tenancy
from wazo_confd.database.uow import Database
from wazo_confd.errors import Unauthorized

from . import keys
from .acl import AccessCheck
from .verifier import Identity


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

    def __init__(self, database: Database):
        self._database = database

    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        with self._database.new_session() as session:
            key = keys.find_by_secret(session, token)
            if key is None:
                raise Unauthorized(f'Unauthorized token: invalid or unknown')
            if not AccessCheck(key.acl).matches(required_acl):
                raise Unauthorized(f'Unauthorized: ACL {required_acl} is not granted')
            if tenant_uuid is not None and tenant_uuid != key.tenant_uuid:
                if not _is_uuid(tenant_uuid) or tenant_uuid not in tenancy.subtree(session, key.tenant_uuid):
                    raise Unauthorized(f'Unauthorized tenant: {tenant_uuid}')
            return Identity(tenant_uuid=key.tenant_uuid)

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        with self._database.new_session() as session:
            return tenancy.subtree(session, tenant_uuid)
