"""Tokens and ACLs with the local key backend."""

from __future__ import annotations

import uuid

import pytest

from .helpers.daemon import Daemon
from .helpers.database import Rows


@pytest.fixture(scope='module')
def keys(daemon: Daemon) -> dict[str, str]:
    """API keys made with the admin command, by ACL pattern."""
    suffix = uuid.uuid4().hex[:6]
    made: dict[str, str] = {}
    for name, acl in {
        'reader': ['confd.users.read', 'confd.users.*.read'],
        'all_but_delete': ['confd.#', '!confd.users.*.delete'],
        'nothing': ['confd.lines.read'],
    }.items():
        result = daemon.admin('keys', 'create', f'{name}-{suffix}', '--acl', *acl)
        made[name] = result.stdout.strip()
    return made


def test_missing_token_is_401(daemon: Daemon) -> None:
    response = daemon.client(token=None).get('/users')

    assert response.status_code == 401
    assert isinstance(response.json(), list)


def test_unknown_token_is_401(daemon: Daemon) -> None:
    assert daemon.client(token='wcf_not-a-key').get('/users').status_code == 401


def test_acl_not_granted_is_401(daemon: Daemon, keys: dict[str, str]) -> None:
    assert daemon.client(token=keys['nothing']).get('/users').status_code == 401


def test_read_key_reads_but_cannot_write(daemon: Daemon, keys: dict[str, str]) -> None:
    reader = daemon.client(token=keys['reader'])
    user = daemon.client().post('/users', json={'firstname': 'Acl'}).json()

    assert reader.get('/users').status_code == 200
    assert reader.get(f'/users/{user["id"]}').status_code == 200
    assert reader.post('/users', json={'firstname': 'No'}).status_code == 401
    assert reader.put(f'/users/{user["id"]}', json={'firstname': 'No'}).status_code == 401


def test_negative_acl_wins_over_hash(daemon: Daemon, keys: dict[str, str]) -> None:
    key = daemon.client(token=keys['all_but_delete'])
    user = key.post('/users', json={'firstname': 'Neg'}).json()

    assert key.delete(f'/users/{user["id"]}').status_code == 401
    assert key.get(f'/users/{user["id"]}').status_code == 200


def test_a_tenant_the_key_cannot_see_is_401(daemon: Daemon) -> None:
    response = daemon.client(tenant=str(uuid.uuid4())).get('/users')

    assert response.status_code == 401


def test_spec_needs_no_token(daemon: Daemon) -> None:
    assert daemon.client(token=None).get('/api/api.yml').status_code == 200


def test_keys_are_stored_hashed(daemon: Daemon, keys: dict[str, str], rows: Rows) -> None:
    stored = [r['secret_hash'] for r in rows.all('SELECT secret_hash FROM api_key')]

    assert all(secret not in stored for secret in keys.values())
    assert all(len(h) == 64 for h in stored)


def test_revoked_key_stops_working(daemon: Daemon) -> None:
    name = f'temp-{uuid.uuid4().hex[:6]}'
    secret = daemon.admin('keys', 'create', name, '--acl', 'confd.#').stdout.strip()
    assert daemon.client(token=secret).get('/users').status_code == 200

    daemon.admin('keys', 'revoke', name)

    listed = daemon.admin('keys', 'list').stdout
    assert name not in listed
    # Successful checks are cached for auth.cache_ttl seconds; wait that out.
    import time

    # Each HTTP process has its own cache: a run of refusals on new connections, not just one.
    deadline = time.monotonic() + 15
    refused = 0
    while time.monotonic() < deadline and refused < 8:
        refused = refused + 1 if daemon.client(token=secret).get('/users').status_code == 401 else 0
        time.sleep(0.1 if refused else 0.5)
    assert refused == 8
