"""/tenants with the local backend: the master tenant's keys shape the tenant tree."""

from __future__ import annotations

import uuid

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows


def _name() -> str:
    return f't{uuid.uuid4().hex[:8]}'


def _key(daemon: Daemon, tenant: str, acl: str = 'confd.#') -> str:
    return daemon.admin('keys', 'create', f'k-{uuid.uuid4().hex[:8]}', '--acl', acl, '--tenant', tenant).stdout.strip()


@pytest.fixture
def tenant(daemon: Daemon) -> dict:
    return daemon.client().post('/tenants', json={'name': _name()}).json()


def test_master_key_creates_a_sub_tenant_of_the_master_tenant(daemon: Daemon) -> None:
    admin = daemon.client()
    master = admin.get('/tenants').json()['items'][0]['uuid']

    response = admin.post('/tenants', json={'name': 'Acme Corp', 'slug': 'acme'})

    assert response.status_code == 201
    body = response.json()
    assert body['name'] == 'Acme Corp' and body['slug'] == 'acme' and body['parent_uuid'] == master
    assert body['sip_templates_generated'] is True
    assert response.headers['Location'].endswith(f'/1.1/tenants/{body["uuid"]}')
    assert admin.get(f'/tenants/{body["uuid"]}').json() == body


def test_a_tenant_shows_its_default_sip_templates(daemon: Daemon, tenant: dict) -> None:
    admin = daemon.client()
    templates = admin.as_token(admin.token, tenant['uuid']).get('/endpoints/sip/templates').json()['items']
    by_label = {t['label']: t['uuid'] for t in templates}
    expected = {
        'sip_templates_generated': True,
        'global_sip_template_uuid': by_label['global'],
        'webrtc_sip_template_uuid': by_label['webrtc'],
        'registration_trunk_sip_template_uuid': by_label['registration_trunk'],
        'meeting_guest_sip_template_uuid': by_label['meeting_guest'],
    }

    shown = admin.get(f'/tenants/{tenant["uuid"]}').json()
    listed = next(t for t in admin.get('/tenants?recurse=true').json()['items'] if t['uuid'] == tenant['uuid'])

    assert {key: shown[key] for key in expected} == expected
    assert {key: listed[key] for key in expected} == expected


def test_a_sub_tenant_may_be_created_below_a_visible_tenant(daemon: Daemon, tenant: dict) -> None:
    wanted = str(uuid.uuid4())

    response = daemon.client().post('/tenants', json={'uuid': wanted, 'name': 'child', 'parent_uuid': tenant['uuid']})

    assert response.status_code == 201
    assert response.json()['uuid'] == wanted and response.json()['parent_uuid'] == tenant['uuid']


def test_an_unknown_parent_is_400(daemon: Daemon) -> None:
    response = daemon.client().post('/tenants', json={'name': 'x', 'parent_uuid': str(uuid.uuid4())})

    assert response.status_code == 400
    assert response.json()[0].startswith("Input Error - field 'parent_uuid': Tenant was not found")


def test_a_tenant_is_renamed(daemon: Daemon, tenant: dict) -> None:
    admin = daemon.client()

    assert admin.put(f'/tenants/{tenant["uuid"]}', json={'name': 'Renamed', 'slug': 'ren'}).status_code == 204

    shown = admin.get(f'/tenants/{tenant["uuid"]}').json()
    assert (shown['name'], shown['slug']) == ('Renamed', 'ren')


def test_a_tenant_is_deleted_with_its_objects_and_keys(daemon: Daemon, tenant: dict, rows: Rows) -> None:
    key = _key(daemon, tenant['uuid'])
    daemon.client(key).post('/users', json={'firstname': 'Gone'})

    assert daemon.client().delete(f'/tenants/{tenant["uuid"]}').status_code == 204

    assert daemon.client().get(f'/tenants/{tenant["uuid"]}').status_code == 404
    assert rows.count('confd_user', 'tenant_uuid = :t', t=tenant['uuid']) == 0
    assert rows.count('api_key', 'tenant_uuid = :t', t=tenant['uuid']) == 0


def test_a_tenant_with_sub_tenants_is_not_deleted(daemon: Daemon, tenant: dict) -> None:
    admin = daemon.client()
    admin.post('/tenants', json={'name': 'child', 'parent_uuid': tenant['uuid']})

    response = admin.delete(f'/tenants/{tenant["uuid"]}')

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - Operation not permitted')


def test_the_master_tenant_is_not_deleted(daemon: Daemon) -> None:
    admin = daemon.client()
    master = admin.get('/tenants').json()['items'][0]['uuid']

    assert admin.delete(f'/tenants/{master}').status_code == 400


def test_a_key_of_a_tenant_sees_that_tenant_and_its_descendants(daemon: Daemon, tenant: dict) -> None:
    child = daemon.client().post('/tenants', json={'name': 'child', 'parent_uuid': tenant['uuid']}).json()
    key = daemon.client(_key(daemon, tenant['uuid']))

    assert {t['uuid'] for t in key.get('/tenants').json()['items']} == {tenant['uuid']}
    assert {t['uuid'] for t in key.get('/tenants?recurse=true').json()['items']} == {tenant['uuid'], child['uuid']}


@pytest.fixture(scope='module')
def sub_tenant_key(daemon: Daemon) -> tuple[dict, Client]:
    """A sub-tenant and a key of it granting every confd ACL."""
    tenant = daemon.client().post('/tenants', json={'name': _name()}).json()
    return tenant, daemon.client(_key(daemon, tenant['uuid']))


@pytest.mark.parametrize('method, path', [('POST', '/tenants'), ('PUT', '/tenants/{t}'), ('DELETE', '/tenants/{t}')])
def test_only_keys_of_the_master_tenant_change_tenants(
    daemon: Daemon, sub_tenant_key: tuple[dict, Client], method: str, path: str
) -> None:
    tenant, key = sub_tenant_key
    before = daemon.client().get('/tenants?recurse=true').json()

    response = key.request(method, path.format(t=tenant['uuid']), json={'name': 'nope'})

    assert response.status_code == 401
    assert daemon.client().get('/tenants?recurse=true').json() == before


def test_head_of_a_tenant_answers_like_its_get(daemon: Daemon, tenant: dict) -> None:
    admin = daemon.client()

    assert admin.head(f'/tenants/{tenant["uuid"]}').status_code == 200
    assert admin.head(f'/tenants/{uuid.uuid4()}').status_code == 404
