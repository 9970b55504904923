"""The workloads (a) to (g) of issue 8, and (e1): (e) in one call; each a bounded, seeded
run through the REST API."""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote

from .data import BULK_FIRST_SERIAL, person, search_terms
from .load import Connection, Result, expect, run

# Every route (e) needs; (e) and its part of (f) are "not available" while one is missing.
PROVISIONING_ROUTES = [
    ('/users', 'post'),
    ('/endpoints/sip', 'post'),
    ('/lines', 'post'),
    ('/extensions', 'post'),
    ('/lines/{line_id}/endpoints/sip/{sip_uuid}', 'put'),
    ('/users/{user_id}/lines/{line_id}', 'put'),
    ('/lines/{line_id}/extensions/{extension_id}', 'put'),
    ('/users/{user_id}/voicemails', 'post'),
]


@dataclass
class State:
    """What the workloads create and later use: uuids of users, ids of provisioned sets."""

    port: int
    token: str
    seed: int
    tenant_uuid: str = ''
    user_uuids: list[str] = field(default_factory=list)
    created_at: dict[str, float] = field(default_factory=dict)
    provisioned: list[dict] = field(default_factory=list)
    context_id: int | None = None


def create_users(state: State, count: int) -> Result:
    """(a) POST /users from one client."""
    rng = random.Random(state.seed)
    bodies = [dict(person(rng, i)) for i in range(count)]

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        status, data = conn.request('POST', '/users', bodies[i])
        if status == 201:
            state.created_at[data['uuid']] = time.perf_counter()
            state.user_uuids.append(data['uuid'])
            state.tenant_uuid = data['tenant_uuid']
        return expect(status, 201, data)

    return run('a. POST /users', state.port, state.token, 1, count, step)


def get_users(state: State, clients: int, per_client: int) -> Result:
    """(b) GET /users/{uuid} of random existing users."""
    rng = random.Random(state.seed + 1)
    picks = [rng.choice(state.user_uuids) for _ in range(clients * per_client)]

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        # Only the status is checked: the body is left undecoded (less of the shared CPU).
        status, data = conn.request('GET', f'/users/{picks[i]}', parse=False)
        return expect(status, 200, data)

    return run('b. GET /users/{uuid}', state.port, state.token, clients, per_client, step)


def list_users(state: State, population: int, kind: str, clients: int, per_client: int) -> Result:
    """(c) `search`: a search for 100 rows; `page`: 100 rows sorted by last name at a random offset."""
    rng = random.Random(state.seed + population + len(kind))
    total = clients * per_client
    low = BULK_FIRST_SERIAL + len(state.user_uuids)
    terms = search_terms(rng, total, low, BULK_FIRST_SERIAL + population)
    offsets = [rng.randrange(0, max(1, population - 100)) for _ in range(total)]

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        if kind == 'search':
            path = f'/users?search={quote(terms[i])}&limit=100'
        else:
            path = f'/users?order=lastname&direction=asc&limit=100&offset={offsets[i]}'
        # A page's number of items is checked, so its body is decoded; a search's is not.
        status, data = conn.request('GET', path, parse=kind == 'page')
        if status == 200 and kind == 'page' and len(data['items']) != 100:
            return False, f'{path}: {len(data["items"])} items of a page of 100'
        return expect(status, 200, data)

    name = f'c. GET /users?{"search" if kind == "search" else "order&offset"}, {population:,}'
    return run(name, state.port, state.token, clients, per_client, step)


def edit_users(state: State, count: int) -> Result:
    """(d) PUT /users/{uuid} from one client."""
    rng = random.Random(state.seed + 2)
    picks = [rng.choice(state.user_uuids) for _ in range(count)]

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        body = {'firstname': f'Edited{i}', 'description': f'edited by the benchmark, round {i}'}
        status, data = conn.request('PUT', f'/users/{picks[i]}', body)
        return expect(status, 204, data)

    return run('d. PUT /users/{uuid}', state.port, state.token, 1, count, step)


def missing_provisioning_routes(paths: dict) -> list[str]:
    # Path variables are compared by position, not name ({sip_uuid} or {endpoint_id}).
    shapes: dict[str, set] = {}
    for path, operations in paths.items():
        shapes.setdefault(_shape(path), set()).update(operations)
    return [
        f'{method.upper()} {path}' for path, method in PROVISIONING_ROUTES if method not in shapes.get(_shape(path), ())
    ]


def _shape(path: str) -> str:
    return re.sub(r'\{[^}]*\}', '{}', path)


def provisioning_context(state: State) -> str:
    """The context of (e)'s lines, extensions and voicemails, with a user range for them."""
    conn = Connection(state.port, state.token)
    status, data = conn.request(
        'POST', '/contexts', {'label': 'bench', 'user_ranges': [{'start': '10000', 'end': '19999'}]}
    )
    conn.close()
    if status != 201:
        raise RuntimeError(f'cannot create the context of (e): {status} {data}')
    state.context_id = data['id']
    return data['name']


def provision_users(state: State, count: int, context: str) -> Result:
    """(e) a full user: user, SIP endpoint, line, extension, voicemail and the associations."""
    rng = random.Random(state.seed + 3)

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        created: dict = {}
        state.provisioned.append(created)
        calls = [
            ('POST', '/users', lambda: person(rng, 500_000 + i), 201, 'user'),
            ('POST', '/endpoints/sip', lambda: {}, 201, 'sip'),
            ('POST', '/lines', lambda: {'context': context}, 201, 'line'),
            ('POST', '/extensions', lambda: {'exten': str(10000 + i), 'context': context}, 201, 'extension'),
            ('PUT', '/lines/{line}/endpoints/sip/{sip}', None, 204, None),
            ('PUT', '/users/{user}/lines/{line}', None, 204, None),
            ('PUT', '/lines/{line}/extensions/{extension}', None, 204, None),
            (
                'POST',
                '/users/{user}/voicemails',
                lambda: {'name': f'vm{i}', 'number': str(10000 + i), 'context': context},
                201,
                'voicemail',
            ),
        ]
        for method, template, body, wanted, key in calls:
            path = template.format(**{k: v for k, v in created.items()})
            status, data = conn.request(method, path, body() if body else None)
            if status != wanted:
                return expect(status, wanted, f'{method} {path}: {data}')
            if key is not None:
                created[key] = data.get('uuid') if key in ('user', 'sip') else data.get('id')
        return True, ''

    result = run('e. provision a full user', state.port, state.token, 1, count, step)
    result.unit, result.units = 'users', count - result.errors
    return result


def provision_users_nested(state: State, count: int, context: str) -> Result:
    """(e1) the same full user as (e) in one POST /users, its line (SIP endpoint and
    extension) and voicemail nested in the body."""
    rng = random.Random(state.seed + 4)

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        number = str(15000 + i)  # (e) numbers from 10000
        body = {
            **person(rng, 600_000 + i),
            'lines': [{'context': context, 'endpoint_sip': {}, 'extensions': [{'exten': number}]}],
            'voicemail': {'name': f'vmn{i}', 'number': number, 'context': context},
        }
        status, data = conn.request('POST', '/users', body)
        if status == 201:
            line = data['lines'][0]
            state.provisioned.append(
                {
                    'user': data['uuid'],
                    'line': line['id'],
                    'sip': line['endpoint_sip']['uuid'],
                    'extension': line['extensions'][0]['id'],
                    'voicemail': data['voicemail']['id'],
                }
            )
        return expect(status, 201, data)

    result = run('e1. full user, one nested POST /users', state.port, state.token, 1, count, step)
    result.unit, result.units = 'users', count - result.errors
    return result


def delete_everything(state: State) -> Result:
    """(f) DELETE of everything the workloads created through the API."""
    deletions: list[str] = []
    for created in state.provisioned:
        if 'line' in created and 'extension' in created:
            deletions.append(f'/lines/{created["line"]}/extensions/{created["extension"]}')
        if 'user' in created and 'line' in created:
            deletions.append(f'/users/{created["user"]}/lines/{created["line"]}')
        if 'user' in created and 'voicemail' in created:
            deletions.append(f'/users/{created["user"]}/voicemails')
        if 'line' in created and 'sip' in created:
            deletions.append(f'/lines/{created["line"]}/endpoints/sip/{created["sip"]}')
        for key, prefix in (
            ('voicemail', '/voicemails'),
            ('extension', '/extensions'),
            ('line', '/lines'),
            ('sip', '/endpoints/sip'),
            ('user', '/users'),
        ):
            if key in created:
                deletions.append(f'{prefix}/{created[key]}')
    deletions.extend(f'/users/{uuid}' for uuid in state.user_uuids)
    if state.context_id is not None:
        deletions.append(f'/contexts/{state.context_id}')

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        status, data = conn.request('DELETE', deletions[i])
        return expect(status, 204, data)

    return run('f. DELETE all of them', state.port, state.token, 1, len(deletions), step)
