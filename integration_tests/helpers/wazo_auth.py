"""A stand-in of wazo-auth's HTTP API on loopback, for the `wazo_auth` backend tests.

It serves what wazo-confd asks of wazo-auth: `HEAD`/`GET /0.1/token/{token}` (validity,
ACL within a tenant, token metadata), `POST /0.1/token` (service login, HTTP basic auth)
and `GET /0.1/tenants` (the tenant tree below `Wazo-Tenant`, as the token may see it).
Tokens, service accounts and tenants live in tables the tests fill; the server can be
stopped and started again on the same port to play an outage.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import uuid as uuid_module
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from .daemon import free_port
from .stand_in import JsonHandler, StandInServer


def acl_matches(acl: list[str], required: str) -> bool:
    """wazo-auth's rules: `*` one dotted segment, `#` any, `!` denies (written apart from ours)."""

    def pattern(access: str) -> re.Pattern:
        parts = [{'*': '[^.]*', '#': '.*'}.get(c, re.escape(c)) for c in access]
        return re.compile('^' + ''.join(parts) + '$')

    if any(pattern(a[1:]).match(required) for a in acl if a.startswith('!')):
        return False
    return any(pattern(a).match(required) for a in acl if not a.startswith('!'))


@dataclass
class Token:
    acl: list[str]
    tenant_uuid: str
    expires_at: float
    user_uuid: str = field(default_factory=lambda: str(uuid_module.uuid4()))


class WazoAuthStandIn(StandInServer):
    def __init__(self) -> None:
        self.port = free_port()
        self.tokens: dict[str, Token] = {}
        self.services: dict[tuple[str, str], tuple[str, list[str]]] = {}
        self.tenants: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.lock = threading.Lock()
        self.master_uuid = self.add_tenant('master')

    # --- tables ---------------------------------------------------------------------
    def add_tenant(self, name: str, parent: str | None = None, uuid: str | None = None) -> str:
        """A tenant below `parent` (default: the master tenant)."""
        tenant_uuid = uuid or str(uuid_module.uuid4())
        # As in wazo-auth, the top tenant is its own parent.
        parent = parent or getattr(self, 'master_uuid', tenant_uuid)
        self.tenants[tenant_uuid] = {'uuid': tenant_uuid, 'name': name, 'slug': name[:10], 'parent_uuid': parent}
        return tenant_uuid

    def add_token(self, acl: list[str], tenant: str | None = None, expires_in: float = 3600) -> str:
        token = str(uuid_module.uuid4())
        self.tokens[token] = Token(list(acl), tenant or self.master_uuid, time.time() + expires_in)
        return token

    def add_service(self, login: str, password: str, tenant: str | None = None) -> None:
        self.services[(login, password)] = (tenant or self.master_uuid, ['confd.#', 'auth.tenants.read'])

    def subtree(self, tenant_uuid: str) -> list[str]:
        result, stack = [], [tenant_uuid]
        while stack:
            current = stack.pop()
            result.append(current)
            stack.extend(u for u, t in self.tenants.items() if t['parent_uuid'] == current and u != current)
        return result

    def valid(self, token: str) -> Token | None:
        found = self.tokens.get(token)
        return found if found is not None and found.expires_at > time.time() else None

    def count(self, method: str, path_prefix: str = '') -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.requests if m == method and p.startswith(path_prefix))

    # --- server ---------------------------------------------------------------------
    def start(self) -> WazoAuthStandIn:
        self.serve(_handler(self), 'wazo-auth-stand-in')
        return self

    def config(self, **extra: object) -> dict:
        """The daemon's `auth` configuration section pointing at this stand-in."""
        self.add_service('wazo-confd', 'confd-secret')
        return {
            'backend': 'wazo_auth',
            'host': '127.0.0.1',
            'port': self.port,
            'username': 'wazo-confd',
            'password': 'confd-secret',
            **extra,
        }


def _handler(auth: WazoAuthStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def _reply(self, status: int, body: dict | None = None) -> None:
            self.reply(status, body)

        def _route(self) -> tuple[str, dict]:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            with auth.lock:
                auth.requests.append((self.command, url.path, query))
            return url.path, query

        def do_HEAD(self) -> None:
            path, query = self._route()
            token = auth.valid(path.rsplit('/', 1)[-1]) if path.startswith('/0.1/token/') else None
            if token is None:
                return self._reply(404)
            if 'scope' in query and not acl_matches(token.acl, query['scope']):
                return self._reply(403)
            if 'tenant' in query and query['tenant'] not in auth.subtree(token.tenant_uuid):
                return self._reply(403)
            self._reply(204)

        def do_GET(self) -> None:
            path, _ = self._route()
            if path.startswith('/0.1/token/'):
                key = path.rsplit('/', 1)[-1]
                token = auth.valid(key)
                if token is None:
                    return self._reply(404, {'reason': ['No such token']})
                return self._reply(200, {'data': _token_body(key, token)})
            if path == '/0.1/tenants':
                token = auth.valid(self.headers.get('X-Auth-Token', ''))
                if token is None or not acl_matches(token.acl, 'auth.tenants.read'):
                    return self._reply(401, {'reason': ['Unauthorized']})
                selected = self.headers.get('Wazo-Tenant') or token.tenant_uuid
                if selected not in auth.subtree(token.tenant_uuid):
                    return self._reply(401, {'reason': ['Unauthorized tenant']})
                items = [auth.tenants[u] for u in auth.subtree(selected)]
                return self._reply(200, {'items': items, 'total': len(auth.tenants), 'filtered': len(items)})
            self._reply(404, {'reason': ['Not found']})

        def do_POST(self) -> None:
            path, _ = self._route()
            length = int(self.headers.get('Content-Length') or 0)
            body = json.loads(self.rfile.read(length) or b'{}')
            if path != '/0.1/token':
                return self._reply(404, {'reason': ['Not found']})
            header = self.headers.get('Authorization', '')
            try:
                login, password = base64.b64decode(header.split(' ', 1)[1]).decode().split(':', 1)
            except (IndexError, ValueError):
                return self._reply(401, {'reason': ['Authentication Failed']})
            account = auth.services.get((login, password))
            if account is None:
                return self._reply(401, {'reason': ['Authentication Failed']})
            key = auth.add_token(account[1], account[0], float(body.get('expiration', 3600)))
            self._reply(200, {'data': _token_body(key, auth.tokens[key])})

    return Handler


def _token_body(key: str, token: Token) -> dict:
    expires = time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(token.expires_at))
    return {
        'token': key,
        'acl': token.acl,
        'expires_at': expires,
        'utc_expires_at': expires,
        'metadata': {'uuid': token.user_uuid, 'tenant_uuid': token.tenant_uuid},
    }
