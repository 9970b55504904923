"""The tenant tree and personas of the matrix, with each authentication backend.

Tree: master -> a -> a1, and master -> b. Personas: the admin of each of those tenants,
a key/token of tenant a lacking one route's ACL (made on demand), and an invalid token.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from wazo_confd.auth import keys

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.wazo_auth import WazoAuthStandIn

# Short, so that tenants made during the run soon appear in the tenants a token sees.
WAZO_AUTH_CACHE_TTL = 1

ADMINS = ('master', 'a', 'b', 'a1')
PARENT = {'a': 'master', 'b': 'master', 'a1': 'a'}


RELAYED_TABLES = ('outbox_event', 'sysconfd_request')


class World:
    """What the matrix needs from a backend: tenants, tokens, and the database to watch."""

    daemon: Daemon
    tenants: dict[str, str]  # persona name -> tenant uuid

    def __init__(self) -> None:
        self.parents: dict[str, str | None] = {}
        self.lacking: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        self._engine: Engine | None = None
        self._snapshot_sql: TextClause | None = None
        # Objects made by the factories, by (route, persona name of their tenant), shared
        # by the personas' tests; a successful DELETE removes its entry.
        self.objects: dict[tuple[str, str], Any] = {}

    # backend-specific
    def make_token(self, tenant: str, acl: list[str]) -> str:
        raise NotImplementedError

    def new_tenant(self, parent: str) -> str:
        raise NotImplementedError

    # shared
    def setup_tokens(self) -> None:
        for name in ADMINS:
            self.tokens[name] = self.make_token(self.tenants[name], ['confd.#'])
        self.tokens['invalid'] = f'wcf_{uuid.uuid4().hex}'

    def lacking_token(self, pattern: str) -> str:
        if pattern not in self.lacking:
            self.lacking[pattern] = self.make_token(self.tenants['a'], ['confd.#', f'!{pattern}'])
        return self.lacking[pattern]

    def admin(self, tenant: str | None = None) -> Client:
        return self.daemon.client(self.tokens['master'], tenant=tenant)

    def subtree(self, tenant: str) -> set[str]:
        found = {tenant}
        changed = True
        while changed:
            more = {t for t, p in self.parents.items() if p in found} - found
            found |= more
            changed = bool(more)
        return found

    def snapshot(self) -> dict[str, tuple]:
        """Row count and digest of every table, in one round trip: equal means nothing changed."""
        if self._engine is None:
            self._engine = create_engine(self.daemon.db_uri)
            with self._engine.connect() as connection:
                tables = inspect(connection).get_table_names()
            # The relays mark outbox rows sent in the background: watch which rows exist there.
            value = {t: 'r.id::text' for t in RELAYED_TABLES}
            self._snapshot_sql = text(
                ' UNION ALL '.join(
                    f"SELECT '{t}', count(*), md5(coalesce(string_agg({value.get(t, 'r::text')}, '|' "
                    f'ORDER BY {value.get(t, "r::text")}), \'\')) FROM "{t}" r'
                    for t in tables
                )
            )
        with self._engine.connect() as connection:
            assert self._snapshot_sql is not None  # made with the engine
            return {name: (count, digest) for name, count, digest in connection.execute(self._snapshot_sql)}

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


class LocalWorld(World):
    """API keys; sub-tenants made through POST /tenants by the master tenant's key."""

    def __init__(self, daemon: Daemon) -> None:
        super().__init__()
        self.daemon = daemon
        master_client = daemon.client()
        master = master_client.get('/tenants').json()['items'][0]['uuid']
        self.tokens['master'] = daemon.admin_key()
        self.tenants = {'master': master}
        self.parents = {master: None}
        for name in ('a', 'b', 'a1'):
            self.tenants[name] = self.new_tenant(self.tenants[PARENT[name]])
        self.setup_tokens()

    def new_tenant(self, parent: str) -> str:
        response = self.daemon.client().post('/tenants', json={'name': 'matrix', 'parent_uuid': parent})
        assert response.status_code == 201, response.text
        self.parents[response.json()['uuid']] = parent
        return response.json()['uuid']

    def make_token(self, tenant: str, acl: list[str]) -> str:
        engine = create_engine(self.daemon.db_uri)
        try:
            with Session(engine) as session, session.begin():
                return keys.create(session, f'matrix-{uuid.uuid4().hex[:10]}', acl, tenant)
        finally:
            engine.dispose()


class WazoAuthWorld(World):
    """Tokens of the wazo-auth stand-in; its tenant tree is read by the daemon at start."""

    def __init__(self, daemon: Daemon, auth: WazoAuthStandIn, tenants: dict[str, str]) -> None:
        super().__init__()
        self.daemon = daemon
        self.auth = auth
        self.tenants = tenants
        self.parents = {tenants['master']: None, **{tenants[n]: tenants[p] for n, p in PARENT.items()}}
        self.setup_tokens()

    @staticmethod
    def tree(auth: WazoAuthStandIn) -> dict[str, str]:
        tenants = {'master': auth.master_uuid}
        for name in ('a', 'b', 'a1'):
            tenants[name] = auth.add_tenant(name, tenants[PARENT[name]])
        return tenants

    def make_token(self, tenant: str, acl: list[str]) -> str:
        return self.auth.add_token([*acl, 'auth.tenants.read'], tenant)

    def new_tenant(self, parent: str) -> str:
        child = self.auth.add_tenant('matrix', parent)
        # What the consumer of wazo-auth's tenant events does: the tenant row appears.
        with _connection(self.daemon.db_uri) as connection:
            connection.execute(
                text(
                    'INSERT INTO tenant (uuid, name, slug, parent_uuid, created_at) '
                    'VALUES (:u, :n, :n, :p, CURRENT_TIMESTAMP)'
                ),
                {'u': child, 'n': 'matrix', 'p': parent},
            )
        self.parents[child] = parent
        # Tokens' visible tenants are cached (auth.cache_ttl): wait until they include it.
        time.sleep(WAZO_AUTH_CACHE_TTL + 0.1)
        return child


@contextmanager
def _connection(uri: str) -> Iterator[Connection]:
    engine = create_engine(uri)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()
