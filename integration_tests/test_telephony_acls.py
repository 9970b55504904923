"""Each context, extension and voicemail route asks for the contract's ACL."""

from __future__ import annotations

import uuid

import pytest

from .helpers.daemon import Daemon

ROUTES = [
    ('GET', '/contexts', 'confd.contexts.read'),
    ('POST', '/contexts', 'confd.contexts.create'),
    ('GET', '/contexts/999999', 'confd.contexts.999999.read'),
    ('PUT', '/contexts/999999', 'confd.contexts.999999.update'),
    ('DELETE', '/contexts/999999', 'confd.contexts.999999.delete'),
    *[
        ('GET', f'/contexts/999999/ranges/{t}', f'confd.contexts.999999.ranges.{t}.read')
        for t in ('user', 'group', 'queue', 'conference', 'incall')
    ],
    ('GET', '/extensions', 'confd.extensions.read'),
    ('POST', '/extensions', 'confd.extensions.create'),
    ('GET', '/extensions/999999', 'confd.extensions.999999.read'),
    ('PUT', '/extensions/999999', 'confd.extensions.999999.update'),
    ('DELETE', '/extensions/999999', 'confd.extensions.999999.delete'),
    ('GET', '/voicemails', 'confd.voicemails.read'),
    ('POST', '/voicemails', 'confd.voicemails.create'),
    ('GET', '/voicemails/999999', 'confd.voicemails.999999.read'),
    ('PUT', '/voicemails/999999', 'confd.voicemails.999999.update'),
    ('DELETE', '/voicemails/999999', 'confd.voicemails.999999.delete'),
    ('GET', '/users/999999/voicemails', 'confd.users.999999.voicemails.read'),
    ('POST', '/users/999999/voicemails', 'confd.users.999999.voicemails.create'),
    ('DELETE', '/users/999999/voicemails', 'confd.users.999999.voicemails.delete'),
    ('PUT', '/users/999999/voicemails/999999', 'confd.users.999999.voicemails.999999.update'),
]


@pytest.fixture(scope='module')
def route_keys(daemon: Daemon) -> tuple[str, str]:
    """One key holding exactly the ACLs of these routes, and one holding none of them."""
    suffix = uuid.uuid4().hex[:6]
    granted = daemon.admin('keys', 'create', f'telephony-{suffix}', '--acl', *[acl for _, _, acl in ROUTES])
    other = daemon.admin('keys', 'create', f'no-telephony-{suffix}', '--acl', 'confd.users.read')
    return granted.stdout.strip(), other.stdout.strip()


@pytest.mark.parametrize(('method', 'path', 'acl'), ROUTES, ids=[f'{m} {p}' for m, p, _ in ROUTES])
def test_route_is_allowed_with_its_acl_only(
    daemon: Daemon, route_keys: tuple[str, str], method: str, path: str, acl: str
) -> None:
    granted, other = route_keys

    allowed = daemon.client(token=granted).request(method, path, json={})
    refused = daemon.client(token=other).request(method, path, json={})

    assert allowed.status_code in (200, 400, 404), allowed.text
    assert refused.status_code == 401
