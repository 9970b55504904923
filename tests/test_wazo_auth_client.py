"""Where the wazo-auth client sends its requests, from the auth.* keys."""

from __future__ import annotations

import pytest

from wazo_confd.auth.wazo_auth import WazoAuthClient, token_path
from wazo_confd.config import DEFAULTS


def client(**overrides: object) -> WazoAuthClient:
    return WazoAuthClient({**DEFAULTS['auth'], **overrides})


def test_defaults_point_at_a_local_wazo_auth() -> None:
    assert client().base_url == 'http://localhost:9497/0.1'


def test_https_host_port_and_prefix_are_used() -> None:
    built = client(https=True, host='auth.example', port=443, prefix='/api/auth/')

    assert built.base_url == 'https://auth.example:443/api/auth/0.1'


@pytest.mark.parametrize('verify', [False, '/etc/ssl/wazo.pem'])
def test_certificate_verification_follows_the_config(verify: object) -> None:
    assert client(verify_certificate=verify).verify == verify


def test_a_token_is_quoted_in_the_path() -> None:
    assert token_path('a/b?c') == '/token/a%2Fb%3Fc'
