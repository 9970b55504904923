"""Per-request authentication and tenant selection.

The token comes from `X-Auth-Token`; the tenant from `Wazo-Tenant`, else the token's own.
Lists see the selected tenant (and its descendants with `recurse=true`); item lookups see
the selected tenant and its descendants, so an object is reachable from its tenant and
every ancestor, and answers 404 from anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, request

from wazo_confd.auth.acl import render_acl
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.errors import Unauthorized
from wazo_confd.tenancy import TenantScope

TOKEN_HEADER = 'X-Auth-Token'
TENANT_HEADER = 'Wazo-Tenant'


@dataclass
class RequestAuth:
    token: str
    tenant_uuid: str
    token_tenant_uuid: str
    verifier: CachingVerifier

    def item_tenants(self) -> TenantScope:
        cached = g.get('_item_tenants')
        if cached is None:
            cached = g._item_tenants = TenantScope(
                self.tenant_uuid, lambda: self.verifier.visible_tenants(self.token, self.tenant_uuid)
            )
        return cached

    def list_tenants(self, recurse: bool) -> list[str]:
        return list(self.item_tenants()) if recurse else [self.tenant_uuid]


def authenticate(verifier: CachingVerifier, acl_template: str, view_args: dict) -> RequestAuth:
    token = request.headers.get(TOKEN_HEADER)
    if not token:
        raise Unauthorized('Unauthorized: missing X-Auth-Token header')
    tenant_header = request.headers.get(TENANT_HEADER) or None
    required_acl = render_acl(acl_template, view_args)
    identity = verifier.authorize(token, required_acl, tenant_header)
    auth = RequestAuth(
        token=token,
        tenant_uuid=tenant_header or identity.tenant_uuid,
        token_tenant_uuid=identity.tenant_uuid,
        verifier=verifier,
    )
    g.auth = auth
    return auth


def current_auth() -> RequestAuth:
    return g.auth
