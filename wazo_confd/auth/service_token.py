"""The daemon's own identity towards wazo-auth: a service token, renewed before it expires.

Credentials are `auth.username`/`auth.password`, or the YAML `auth.key_file` holding
`service_id` and `service_key`. Each new token is handed to the listeners (the tenant sync);
while wazo-auth cannot be reached the token is retried every few seconds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import yaml

from wazo_confd.errors import ServiceUnavailable

from .wazo_auth import WazoAuthClient

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2.0
# Renew when this share of the token's lifetime has passed.
RENEW_AT = 0.8


class CredentialsError(Exception):
    """The daemon's wazo-auth credentials are missing or unreadable."""


def read_credentials(config: dict) -> tuple[str, str]:
    """`(login, password)` from `auth.username`/`auth.password`, else from `auth.key_file`."""
    if config['username'] and config['password']:
        return config['username'], config['password']
    path = config['key_file']
    if not path:
        raise CredentialsError('auth.backend wazo_auth needs auth.username/auth.password or auth.key_file')
    try:
        with open(path, encoding='utf-8') as f:
            content = yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as e:
        raise CredentialsError(f'{path}: cannot read the wazo-auth key file: {e.__class__.__name__}') from e
    if not isinstance(content, dict) or not content.get('service_id') or not content.get('service_key'):
        raise CredentialsError(f'{path}: the wazo-auth key file needs service_id and service_key')
    return str(content['service_id']), str(content['service_key'])


class ServiceToken:
    def __init__(self, client: WazoAuthClient, credentials: tuple[str, str], expiration: int):
        self.client = client
        self.credentials = credentials
        self.expiration = expiration
        self.token: str | None = None
        self.tenant_uuid: str | None = None
        self.listeners: list[Callable[[str, str | None], None]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_error: str | None = None

    def fetch(self) -> None:
        """Create a new token (POST /0.1/token, HTTP basic auth) and tell the listeners."""
        response = self.client.request('POST', '/token', auth=self.credentials, json={'expiration': self.expiration})
        if response.status_code != 200:
            raise ServiceUnavailable(f'wazo-auth refused the service credentials ({response.status_code})')
        data = response.json()['data']
        self.token = data['token']
        self.tenant_uuid = (data.get('metadata') or {}).get('tenant_uuid')
        for listener in self.listeners:
            listener(self.token, self.tenant_uuid)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name='service-token', daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.fetch()
            except Exception as e:
                self._last_error = str(e) or e.__class__.__name__
                logger.warning('cannot get a service token from wazo-auth: %s', self._last_error)
                self._stop.wait(RETRY_SECONDS)
                continue
            self._last_error = None
            logger.info('got a service token from wazo-auth (renewed in %ss)', int(self.expiration * RENEW_AT))
            self._stop.wait(self.expiration * RENEW_AT)

    def status(self) -> dict:
        if self.token is None or self._last_error:
            return {'status': 'fail', 'reason': self._last_error or 'no token yet'}
        return {'status': 'ok'}
