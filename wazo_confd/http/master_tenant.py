"""Operations reserved to the master tenant (global settings of the platform).

Mark a handler with `@master_tenant_only`, or a whole resource with the class attribute
`master_tenant_only = True`. After the token and ACL checks, such an operation answers 503
`wazo-confd is not initialized` while the master tenant is unknown, and 401 to a token
whose own tenant is not the master tenant.
"""

from __future__ import annotations

from typing import Any, TypeVar

from wazo_confd.errors import ServiceUnavailable, Unauthorized

from .auth import RequestAuth

Handler = TypeVar('Handler')


def master_tenant_only(func: Handler) -> Handler:
    func.master_tenant_only = True  # type: ignore[attr-defined]
    return func


def is_master_tenant_only(resource: Any, handler: Any) -> bool:
    return bool(getattr(handler, 'master_tenant_only', False) or getattr(resource, 'master_tenant_only', False))


def check_master_tenant(auth: RequestAuth, master_tenant_uuid: str | None) -> None:
    if master_tenant_uuid is None:
        raise ServiceUnavailable('wazo-confd is not initialized')
    if auth.token_tenant_uuid != master_tenant_uuid:
        raise Unauthorized('Unauthorized: only tokens of the master tenant may do this')
