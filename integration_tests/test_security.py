"""Secrets stay secret, TLS is 1.2 or newer, CORS answers as configured."""

from __future__ import annotations

import json
import os
import socket
import ssl
import warnings
from collections.abc import Iterator

import pytest
import requests

from .helpers.daemon import Daemon, https_daemon
from .helpers.database import Rows
from .helpers.events import Events

SECRET_PASSWORD = 'Hush-Hush-42'


class TestSecretsInResponses:
    def test_user_password_is_read_back_only_by_its_own_representation(self, daemon: Daemon, rows: Rows) -> None:
        client = daemon.client()
        published = Events(client)
        created = client.post(
            '/users',
            json={
                'firstname': 'Secretive',
                'password': SECRET_PASSWORD,
                'username': f'sec-{os.getpid()}-{daemon.port}',
            },
        )
        assert created.status_code == 201
        user = created.json()
        # As upstream, the user's own representation reads the password back (issue 18)...
        own = [created, client.get(f'/users/{user["id"]}'), client.get('/users', params={'uuid': user['uuid']})]
        # ...but the directory-like views, the errors echoing a body and the events never show it.
        others = [
            *(
                client.get('/users', params={'uuid': user['uuid'], 'view': view})
                for view in ('directory', 'summary', 'line_presence')
            ),
            client.put(f'/users/{user["id"]}', json={'password': 'bad pass'}),
            client.put(f'/users/{user["id"]}', json={'password': SECRET_PASSWORD, 'ring_seconds': 'x'}),
        ]
        events = published.all('user_')

        assert [r.json()['password'] for r in own[:2]] == [SECRET_PASSWORD, SECRET_PASSWORD]
        assert own[2].json()['items'][0]['password'] == SECRET_PASSWORD
        assert all(r.status_code in (200, 400) for r in others)
        assert not [r.url for r in others if SECRET_PASSWORD in r.text or 'bad pass' in r.text]
        assert not [e for e in events if SECRET_PASSWORD in json.dumps(e['body'])]

    def test_no_response_echoes_the_token(self, daemon: Daemon) -> None:
        token = daemon.admin_key()
        client = daemon.client()
        answers = [
            client.get('/users'),
            client.get('/status'),
            client.get('/infos'),
            client.get('/users/999999'),
            client.post('/users', json={}),
            daemon.client(token=token + 'x').get('/users'),
        ]

        assert not [r.url for r in answers if token in r.text or token in str(r.headers)]

    def test_bootstrap_key_is_stored_as_a_hash_only(self, daemon: Daemon, rows: Rows) -> None:
        secret = daemon.admin_key()
        stored = rows.all('SELECT name, secret_hash, acl, tenant_uuid FROM api_key')

        assert stored
        assert not [r for r in stored if secret in json.dumps(r, default=str)]
        assert all(len(r['secret_hash']) == 64 for r in stored)


@pytest.fixture(scope='module')
def tls_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    daemon = https_daemon(str(tmp_path_factory.mktemp('daemon-tls')))[0].start()
    yield daemon
    daemon.stop()


def _handshake(port: int, version: ssl.TLSVersion) -> str:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    # Let this client offer old protocols, so that a refusal is the server's.
    context.set_ciphers('DEFAULT:@SECLEVEL=0')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)  # old versions on purpose
        context.minimum_version = version
        context.maximum_version = version
    with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:
        with context.wrap_socket(raw) as tls:
            return str(tls.version())


class TestTls:
    def test_tls_1_2_is_accepted(self, tls_daemon: Daemon) -> None:
        assert _handshake(tls_daemon.port, ssl.TLSVersion.TLSv1_2) == 'TLSv1.2'

    @pytest.mark.parametrize('version', [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1])
    def test_older_protocols_are_refused(self, tls_daemon: Daemon, version: ssl.TLSVersion) -> None:
        with pytest.raises((ssl.SSLError, ConnectionError)) as refused:
            _handshake(tls_daemon.port, version)

        # The server's refusal, not a client unable to speak the old protocol.
        assert 'NO_PROTOCOLS_AVAILABLE' not in str(refused.value)


@pytest.fixture(scope='module')
def cors_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    workdir = str(tmp_path_factory.mktemp('daemon-cors'))
    daemon = Daemon(
        workdir, f'sqlite:///{workdir}/confd.sqlite', {'rest_api': {'cors': {'origins': ['https://ui.example.com']}}}
    ).start()
    yield daemon
    daemon.stop()


def _preflight(daemon: Daemon, origin: str) -> requests.Response:
    return requests.options(
        f'{daemon.base_url}/users',
        timeout=10,
        headers={
            'Origin': origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'X-Auth-Token, Content-Type',
        },
    )


class TestCors:
    def test_preflight_from_a_configured_origin_is_allowed(self, cors_daemon: Daemon) -> None:
        response = _preflight(cors_daemon, 'https://ui.example.com')

        assert response.headers.get('Access-Control-Allow-Origin') == 'https://ui.example.com'
        assert 'POST' in response.headers.get('Access-Control-Allow-Methods', '')
        assert 'x-auth-token' in response.headers.get('Access-Control-Allow-Headers', '').lower()

    def test_preflight_from_another_origin_gets_no_cors_headers(self, cors_daemon: Daemon) -> None:
        response = _preflight(cors_daemon, 'https://evil.example.net')

        assert 'Access-Control-Allow-Origin' not in response.headers

    def test_actual_request_from_another_origin_gets_no_cors_headers(self, cors_daemon: Daemon) -> None:
        response = cors_daemon.client().get('/users', headers={'Origin': 'https://evil.example.net'})

        assert response.status_code == 200
        assert 'Access-Control-Allow-Origin' not in response.headers
