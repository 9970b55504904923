"""Tenant isolation matrix, generated from the route table of the running daemon.

For every operation of every enabled plugin (read from /1.1/api/api.yml), every persona
(the admins of the master tenant, of tenants a and b, of a1 below a, a token of tenant a
lacking that operation's ACL, an invalid token) meets every target (an object of its own
tenant, of its parent, of a sibling tenant, of a child tenant, a missing object; for routes
without a path variable, the `Wazo-Tenant` header naming those tenants). Each cell asserts
the status, that lists show exactly what the persona may see, and that a refused call
changed no row anywhere. Objects are made by integration_tests/protection/factories.py, or
for declared resources from the examples of the document (examples.py); a route without
its factory fails `test_every_route_has_a_factory`. Runs with both backends,
on PostgreSQL (the no-change check digests every table in one query).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.database import create_database, drop_database
from ..helpers.wazo_auth import WazoAuthStandIn
from .examples import document_factories
from .factories import FACTORIES, Made, Maker
from .routes import Operation, read_document, read_operations
from .worlds import ADMINS, PARENT, WAZO_AUTH_CACHE_TTL, LocalWorld, WazoAuthWorld, World

# Each persona walks every route (up to 40 s a test): started first by `make test`.
pytestmark = pytest.mark.slow

PERSONAS = (*ADMINS, 'lacking_acl', 'invalid')
SIBLING = {'a': 'b', 'b': 'a', 'a1': 'b'}
CHILD = {'master': 'a', 'a': 'a1'}


@pytest.fixture(scope='module', params=['local', 'wazo_auth'])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    uri = create_database('confd_matrix')
    workdir = str(tmp_path_factory.mktemp(f'matrix-{request.param}'))
    auth = None
    try:
        if request.param == 'local':
            daemon = Daemon(workdir, uri, {'auth': {'cache_ttl': 30}}).start()
            built: World = LocalWorld(daemon)
        else:
            auth = WazoAuthStandIn().start()
            tenants = WazoAuthWorld.tree(auth)
            daemon = Daemon(workdir, uri, {'auth': auth.config(cache_ttl=WAZO_AUTH_CACHE_TTL)}).start()
            _wait_master_tenant(daemon, auth)
            built = WazoAuthWorld(daemon, auth, tenants)
            # Without tenant events, a tenant added once a token's visible tenants are cached
            # (30 s) stays hidden from it: make the tenant objects before any persona calls.
            for name in ADMINS:
                maker = Maker(built.admin(tenants[name]), tenants[name], built.new_tenant)
                built.objects[('/tenants/{uuid}', name)] = FACTORIES['/tenants/{uuid}'].create(maker)  # type: ignore[misc]
        # Declared resources bring their factories in the document (examples.py).
        for route, made in document_factories(read_document(daemon.base_url)).items():
            FACTORIES.setdefault(route, made)
        yield built
        built.close()
        daemon.stop()
    finally:
        if auth is not None:
            auth.stop()
        drop_database(uri)


def _wait_master_tenant(daemon: Daemon, auth: WazoAuthStandIn) -> None:
    client = daemon.client(auth.add_token(['confd.#']))
    deadline = time.monotonic() + 15
    while client.get('/status').json()['master_tenant']['status'] != 'ok':
        assert time.monotonic() < deadline, 'the daemon did not learn the master tenant'
        time.sleep(0.1)


def test_every_route_has_a_factory(world: World) -> None:
    missing = []
    for op in read_operations(world.daemon.base_url):
        found = FACTORIES.get(op.route)
        if op.is_item and (found is None or found.create is None):
            missing.append(f'{op}: no factory(..., create=...) for {op.route}')
        if op.method == 'POST' and (found is None or (found.body is None and found.body_in is None)):
            missing.append(f'{op}: no factory(..., body=...) for {op.route}')
        if op.method == 'PUT' and (found is None or found.update is None):
            missing.append(f'{op}: no factory(..., update=...) for {op.route}')
    assert not missing, (
        'the isolation matrix cannot test these routes; register them in '
        'integration_tests/protection/factories.py:\n  ' + '\n  '.join(sorted(set(missing)))
    )


@pytest.mark.parametrize('persona', PERSONAS)
def test_persona_reaches_only_what_its_tenant_may_see(world: World, persona: str) -> None:
    failures = Matrix(world, persona).run()

    assert not failures, f'{len(failures)} failing cells for {persona}:\n  ' + '\n  '.join(failures)


class Matrix:
    def __init__(self, world: World, persona: str) -> None:
        self.world = world
        self.persona = persona
        self.home = 'a' if persona in ('lacking_acl', 'invalid') else persona
        self.objects: dict[tuple[str, str], Made] = world.objects
        self.state: dict | None = None
        self.failures: list[str] = []

    # --- the persona ------------------------------------------------------------------------
    def targets(self) -> dict[str, str | None]:
        return {
            'own': self.home,
            'parent': PARENT.get(self.home),
            'sibling': SIBLING.get(self.home),
            'child': CHILD.get(self.home),
        }

    def client(self, op: Operation, tenant: str | None = None) -> Client:
        if self.persona == 'lacking_acl':
            if op.lacking_pattern() not in self.world.lacking:
                self.state = None  # making the key writes a row
            token = self.world.lacking_token(op.lacking_pattern())
        else:
            token = self.world.tokens[self.persona]
        return self.world.daemon.client(token, tenant=tenant)

    def refused_by_auth(self, op: Operation) -> bool:
        return self.persona in ('lacking_acl', 'invalid') or (op.master_only and self.persona != 'master')

    # --- objects ----------------------------------------------------------------------------
    def made(self, route: str, tenant_name: str) -> Made:
        key = (route, tenant_name)
        if key not in self.objects:
            tenant = self.world.tenants[tenant_name]
            maker = Maker(self.world.admin(tenant), tenant, self.world.new_tenant)
            self.objects[key] = FACTORIES[route].create(maker)  # type: ignore[misc]
            self.state = None
        return self.objects[key]

    def owner(self, made: Made, tenant_name: str) -> str:
        return made.owner or self.world.tenants[tenant_name]

    # --- cells ------------------------------------------------------------------------------
    def run(self) -> list[str]:
        operations = read_operations(self.world.daemon.base_url)
        item_routes = {op.route: op for op in operations if op.is_item}
        for op in operations:
            factory = FACTORIES.get(op.route)
            if op.is_item and (factory is None or factory.create is None):
                continue  # reported by test_every_route_has_a_factory
            if op.is_item:
                self.item_cells(op)
            else:
                self.collection_cells(op, item_routes)
        return self.failures

    def call(
        self, op: Operation, url: str, tenant: str | None, expected: int, label: str, owner: str | None = None
    ) -> requests.Response:
        factory = FACTORIES.get(op.route)
        body = None
        if op.method == 'POST' and factory and factory.body_in:
            # The body names objects of the tenant the POST creates in: made first, so the
            # no-change check starts after them.
            home = owner or tenant or self.world.tenants[self.home]
            body = factory.body_in(Maker(self.world.admin(home), home, self.world.new_tenant))
            self.state = None
        elif op.method == 'POST':
            body = factory.body() if factory and factory.body else {}
        elif op.method == 'PUT':
            body = factory.update if factory and factory.update is not None else {}
        client = self.client(op, tenant)  # before the snapshot: it may make a key
        refused = expected >= 400
        if refused and self.state is None:
            self.state = self.world.snapshot()
        response = client.request(op.method, url, json=body)
        cell = f'{op} [{label}]'
        if response.status_code != expected:
            self.failures.append(f'{cell}: expected {expected}, got {response.status_code} {response.text[:200]}')
        if refused:
            after = self.world.snapshot()
            if after != self.state:
                before = self.state or {}
                changed = sorted(t for t in after if after[t] != before.get(t))
                self.failures.append(f'{cell}: refused with {response.status_code} but changed {changed}')
            self.state = after
        elif op.method != 'GET' and op.method != 'HEAD':
            self.state = None
        return response

    def item_cells(self, op: Operation) -> None:
        own = self.made(op.route, self.home)
        for role, tenant_name in self.targets().items():
            if tenant_name is None:
                continue
            made = self.made(op.route, tenant_name)
            visible = made.shared or self.owner(made, tenant_name) in self.world.subtree(self.world.tenants[self.home])
            expected = 401 if self.refused_by_auth(op) else (op.status if visible else 404)
            self.call(
                op, op.url(made.path), None, expected, f'{self.persona} -> {role} object', self.owner(made, tenant_name)
            )
            if op.method == 'DELETE' and expected < 400:
                del self.objects[(op.route, tenant_name)]
        expected = 401 if self.refused_by_auth(op) else 404
        self.call(op, op.url(op.missing_values(own.path)), None, expected, f'{self.persona} -> missing object')

    def collection_cells(self, op: Operation, item_routes: dict[str, Operation]) -> None:
        for role, tenant_name in self.targets().items():
            if tenant_name is None:
                continue
            tenant = None if role == 'own' else self.world.tenants[tenant_name]
            selectable = role in ('own', 'child')
            expected = 401 if self.refused_by_auth(op) or not selectable else op.status
            label = f'{self.persona} with Wazo-Tenant: {role}'
            response = self.call(op, op.route, tenant, expected, label)
            if response.status_code != expected or expected >= 400:
                continue
            if op.method == 'POST' and 'tenant_uuid' in response.json():
                selected = self.world.tenants[tenant_name]
                if response.json()['tenant_uuid'] != selected:
                    self.failures.append(f'{op} [{label}]: created in {response.json()["tenant_uuid"]}, not {selected}')
            item = self.item_route(op, item_routes)
            if op.method == 'GET' and role == 'own' and item is not None:
                self.list_content(op, item)

    def item_route(self, op: Operation, item_routes: dict[str, Operation]) -> Operation | None:
        for route, item in item_routes.items():
            if route.rsplit('/', 1)[0] == op.route and len(item.path_params) == len(op.path_params) + 1:
                return item if FACTORIES.get(route) and FACTORIES[route].create else None
        return None

    def list_content(self, op: Operation, item: Operation) -> None:
        var = item.path_params[-1][0]
        home = self.world.tenants[self.home]
        for recurse in (False, True):
            objects = {name: self.made(item.route, name) for name in ADMINS}
            url = f'{op.route}?recurse=true' if recurse else op.route
            response = self.client(op).get(url)
            key = FACTORIES[item.route].item_key or var
            listed = {str(i.get(key)) for i in response.json().get('items', [])}
            for name, made in objects.items():
                owner = self.owner(made, name)
                should = made.shared or (owner in self.world.subtree(home) if recurse else owner == home)
                if (str(made.path[var]) in listed) != should:
                    verb = 'misses' if should else 'shows'
                    self.failures.append(
                        f'{op} [{self.persona}, recurse={recurse}]: {verb} the object of tenant {name}'
                    )
