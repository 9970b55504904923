"""A small HTTP client for the daemon's REST API."""

from __future__ import annotations

from typing import Any

import requests


class Client:
    def __init__(self, base_url: str, token: str | None = None, tenant: str | None = None, verify: Any = True) -> None:
        self.base_url = base_url.rstrip('/')
        self.session = requests.Session()
        self.session.verify = verify
        self.token = token
        self.tenant = tenant

    def headers(self, extra: dict | None = None) -> dict:
        headers = {}
        if self.token is not None:
            headers['X-Auth-Token'] = self.token
        if self.tenant is not None:
            headers['Wazo-Tenant'] = self.tenant
        headers.update(extra or {})
        return headers

    def request(
        self, method: str, path: str, json: Any = None, data: Any = None, headers: dict | None = None, **kwargs: Any
    ) -> requests.Response:
        url = path if path.startswith('http') else f'{self.base_url}{path}'
        return self.session.request(
            method,
            url,
            json=json,
            data=data,
            headers=self.headers(headers),
            timeout=kwargs.pop('timeout', 30),
            **kwargs,
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request('GET', path, **kwargs)

    def head(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request('HEAD', path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request('POST', path, json=json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request('PUT', path, json=json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request('DELETE', path, **kwargs)

    def as_token(self, token: str | None, tenant: str | None = None) -> Client:
        return Client(self.base_url, token, tenant, self.session.verify)
