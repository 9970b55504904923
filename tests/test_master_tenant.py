"""Master-tenant-only operations: 503 until the master tenant is known, 401 for other tenants."""

from __future__ import annotations

import pytest
from flask import Flask

from wazo_confd.auth.verifier import CachingVerifier, Identity
from wazo_confd.database.uow import Database
from wazo_confd.errors import Unauthorized
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.http.resource import ConfdResource

MASTER = '11111111-1111-1111-1111-111111111111'
OTHER = '22222222-2222-2222-2222-222222222222'
CONFIG = {'rest_api': {'max_content_length': 1024, 'cors': {'enabled': False}}}


class TokenTable:
    """An AuthBackend over a fixed table: token -> tenant (every ACL granted)."""

    def authorize(self, token: str, required_acl: str, tenant_uuid: str | None) -> Identity:
        tenants = {'master-token': MASTER, 'other-token': OTHER}
        if token not in tenants:
            raise Unauthorized('unknown token')
        return Identity(tenant_uuid=tenants[token])

    def visible_tenants(self, token: str, tenant_uuid: str) -> list[str]:
        return [tenant_uuid]


class Settings(ConfdResource):
    acls = {'get': 'confd.settings.read', 'put': 'confd.settings.update'}

    def get(self) -> dict:
        return {'open': True}

    @master_tenant_only
    def put(self) -> tuple[None, int]:
        return None, 204


class Globals(ConfdResource):
    acls = {'get': 'confd.globals.read'}
    master_tenant_only = True

    def get(self) -> dict:
        return {}


def build(master: str | None) -> Flask:
    deps = HttpDependencies(Database('sqlite://'), CachingVerifier(TokenTable(), 0, 10), lambda: master)
    app, api = create_app(CONFIG, deps)
    api.add_resource(Settings, '/settings')
    api.add_resource(Globals, '/globals')
    return app


@pytest.mark.parametrize('method, path', [('PUT', '/1.1/settings'), ('GET', '/1.1/globals')])
def test_master_tenant_token_is_allowed(method: str, path: str) -> None:
    response = build(MASTER).test_client().open(path, method=method, headers={'X-Auth-Token': 'master-token'})

    assert response.status_code in (200, 204)


@pytest.mark.parametrize('method, path', [('PUT', '/1.1/settings'), ('GET', '/1.1/globals')])
def test_other_tenant_token_is_401(method: str, path: str) -> None:
    response = build(MASTER).test_client().open(path, method=method, headers={'X-Auth-Token': 'other-token'})

    assert response.status_code == 401


def test_other_tenant_token_is_401_even_when_selecting_the_master_tenant() -> None:
    headers = {'X-Auth-Token': 'other-token', 'Wazo-Tenant': MASTER}

    assert build(MASTER).test_client().put('/1.1/settings', headers=headers).status_code == 401


def test_unknown_master_tenant_is_503_not_initialized() -> None:
    response = build(None).test_client().put('/1.1/settings', headers={'X-Auth-Token': 'master-token'})

    assert response.status_code == 503
    assert response.get_json() == ['wazo-confd is not initialized']


def test_invalid_token_is_401_before_the_master_tenant_check() -> None:
    assert build(None).test_client().put('/1.1/settings', headers={'X-Auth-Token': 'nope'}).status_code == 401


def test_unmarked_methods_stay_open_to_every_tenant() -> None:
    response = build(MASTER).test_client().get('/1.1/settings', headers={'X-Auth-Token': 'other-token'})

    assert response.status_code == 200
