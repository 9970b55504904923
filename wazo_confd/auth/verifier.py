"""Token verification, independent of where tokens come from.

A backend answers three questions: who is this token (its tenant), may it do this (the
required ACL, within the selected tenant), and which tenants may it see below a tenant.
`CachingVerifier` remembers successful answers for a short time; failures are not kept.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Identity:
    tenant_uuid: str
    user_uuid: str | None = None


class AuthBackend(Protocol):
    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        """Raise Unauthorized unless the token is valid, grants the ACL and may see the tenant."""

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        """The tenant and its descendants, as far as the token may see them."""


class TTLCache:
    def __init__(self, ttl: float, size: int):
        self._ttl = ttl
        self._size = size
        self._items: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> object | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires, value = item
            if expires < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value: object) -> None:
        if self._ttl <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic() + self._ttl, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def forget_token(self, token: str) -> None:
        with self._lock:
            for key in [k for k in self._items if k[1] == token]:
                del self._items[key]


class CachingVerifier:
    def __init__(self, backend: AuthBackend, ttl: float, size: int):
        self.backend = backend
        self._cache = TTLCache(ttl, size)

    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        key = ('authorize', token, required_acl, tenant_uuid)
        cached = self._cache.get(key)
        if isinstance(cached, Identity):
            return cached
        try:
            identity = self.backend.authorize(token, required_acl, tenant_uuid)
        except Exception:
            self._cache.forget_token(token)
            raise
        self._cache.put(key, identity)
        return identity

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        if not getattr(self.backend, 'cache_tenants', True):
            return self.backend.visible_tenants(token, tenant_uuid)
        key = ('tenants', token, tenant_uuid)
        cached = self._cache.get(key)
        if isinstance(cached, list):
            return cached
        tenants = self.backend.visible_tenants(token, tenant_uuid)
        self._cache.put(key, tenants)
        return tenants
