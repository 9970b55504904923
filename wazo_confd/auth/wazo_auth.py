"""The wazo-auth backend: every token check is asked of wazo-auth, as upstream daemons do.

Per check: `HEAD /0.1/token/{token}?scope=<acl>&tenant=<tenant>` (is the token valid, does it
grant the ACL within that tenant), then `GET /0.1/token/{token}` (whose token: its tenant).
Visible tenants come from `GET /0.1/tenants` asked with the caller's own token.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import requests

from wazo_confd.errors import ServiceUnavailable, Unauthorized

from .verifier import Identity

logger = logging.getLogger(__name__)
REFUSED = (401, 403, 404)


class WazoAuthClient:
    """A thin HTTP client of wazo-auth built from the `auth.*` configuration keys."""

    def __init__(self, config: dict):
        scheme = 'https' if config['https'] else 'http'
        prefix = (config['prefix'] or '').rstrip('/')
        self.where = f'{config["host"]}:{config["port"]}'
        self.base_url = f'{scheme}://{self.where}{prefix}/0.1'
        self.verify = config['verify_certificate']
        self.timeout = config['timeout']

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send one request; an unreachable server (or one answering 5xx) is a ServiceUnavailable."""
        try:
            response = requests.request(
                method, self.base_url + path, timeout=self.timeout, verify=self.verify, **kwargs
            )
        except requests.RequestException as e:
            logger.warning('wazo-auth on %s unreachable: %s', self.where, e.__class__.__name__)
            raise ServiceUnavailable(f'Authentication server on {self.where} unreachable') from e
        if response.status_code >= 500:
            raise ServiceUnavailable(f'Authentication server on {self.where} answered {response.status_code}')
        return response


def token_path(token: str) -> str:
    return f'/token/{quote(token, safe="")}'


class WazoAuthBackend:
    def __init__(self, client: WazoAuthClient):
        self.client = client

    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        params = {'scope': required_acl}
        if tenant_uuid is not None:
            params['tenant'] = tenant_uuid
        check = self.client.request('HEAD', token_path(token), params=params)
        if check.status_code in REFUSED:
            raise Unauthorized(
                f'Unauthorized token: not valid for {required_acl} in tenant {tenant_uuid or "of the token"}'
            )
        if not check.ok:
            raise ServiceUnavailable(f'Authentication server on {self.client.where} answered {check.status_code}')
        info = self.client.request('GET', token_path(token))
        if info.status_code in REFUSED:
            raise Unauthorized('Unauthorized token: invalid or expired')
        metadata = (info.json().get('data') or {}).get('metadata') or {}
        if not metadata.get('tenant_uuid'):
            raise Unauthorized('Unauthorized token: it has no tenant')
        return Identity(tenant_uuid=metadata['tenant_uuid'], user_uuid=metadata.get('uuid'))

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        return [t['uuid'] for t in list_tenants(self.client, token, tenant_uuid)]


def list_tenants(client: WazoAuthClient, token: str, tenant_uuid: str | None) -> list[dict]:
    """The tenant and its sub-tenants, as wazo-auth lets `token` see them."""
    headers = {'X-Auth-Token': token}
    if tenant_uuid:
        headers['Wazo-Tenant'] = tenant_uuid
    response = client.request('GET', '/tenants', headers=headers)
    if response.status_code in REFUSED:
        raise Unauthorized(f'Unauthorized tenant: {tenant_uuid}')
    if not response.ok:
        raise ServiceUnavailable(f'Authentication server on {client.where} answered {response.status_code}')
    return list(response.json().get('items') or [])
