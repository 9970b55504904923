"""Bad input, aimed at every route of the daemon's own OpenAPI document.

Each kind of bad input is one test that walks every operation taking that input, so a route
added later is covered without a line here. Every answer must be a 4xx in the contract's
format (a JSON array of `<Category> - ...` strings) and nothing may be written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import requests

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.spec import WRONG_TYPES, Operation, operations, sample

PREFIXES = ('Input Error - ', 'Resource Error - ', 'Resource Not Found - ', 'Method Not Allowed - ')
MEGABYTE = 1_000_000


@pytest.fixture(scope='module')
def ops(daemon: Daemon) -> list[Operation]:
    return operations(daemon.client())


@pytest.fixture(scope='module')
def targets(daemon: Daemon, ops: list[Operation]) -> dict[str, dict]:
    """One item per collection (by its template path), made through the collection's POST."""
    client = daemon.client()
    made: dict[str, dict] = {}
    for op in ops:
        if op.method == 'post' and op.body_schema is not None and not op.path_params():
            response = client.post(op.path, json=minimal_body(op))
            if response.status_code == 201:
                made[op.path] = response.json()
    return made


def minimal_body(op: Operation) -> dict:
    schema = op.body_schema or {}
    return {name: sample(schema['properties'][name]) for name in schema.get('required', [])}


def item_url(op: Operation, targets: dict[str, dict]) -> str | None:
    """The operation's path with each variable taken from an item of the collection before it
    (`/contexts/{context_id}/ranges/user` -> an item made by POST /contexts); None if none."""
    params = op.path_params()
    segments = op.path.split('/')
    values = {}
    for index, segment in enumerate(segments):
        if not segment.startswith('{'):
            continue
        name = segment[1:-1]
        item = targets.get('/'.join(segments[:index]))
        if item is None:
            return None
        by_uuid = params[name].get('format') == 'uuid' and 'uuid' in item
        values[name] = item['uuid'] if by_uuid else item.get('id', item.get('uuid'))
    return op.url(**values)


def spec_rejects(schema: dict, value: Any) -> bool:
    """Whether the document itself calls this value invalid (OpenAPI 3.0 nullable read in)."""
    if value is None:
        return not schema.get('nullable', False)
    plain = {k: v for k, v in schema.items() if k not in ('nullable', 'readOnly', 'writeOnly', 'x-unique', 'format')}
    try:
        jsonschema.validate(value, plain)
    except jsonschema.ValidationError:
        return True
    return False


def contract_error(response: requests.Response, field: str | None = None) -> str | None:
    """None when the answer is a 4xx in the contract's format (naming `field`); else why not."""
    if not 400 <= response.status_code < 500:
        return f'status {response.status_code}: {response.text[:200]}'
    if not response.headers.get('Content-Type', '').startswith('application/json'):
        return f'content type {response.headers.get("Content-Type")}'
    body = response.json()
    if not isinstance(body, list) or not body or not all(isinstance(e, str) and e.startswith(PREFIXES) for e in body):
        return f'body not in the contract format: {response.text[:200]}'
    if field is not None and not any(field in e for e in body):
        return f'no error names {field}: {body}'
    return None


class Snapshot:
    """Row counts of every table, to show that a refused request wrote nothing."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self.before = self.counts()

    def tables(self) -> list[str]:
        if self.rows.engine.dialect.name == 'postgresql':
            sql = "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return sorted(r['name'] for r in self.rows.all(sql))

    def counts(self) -> dict[str, int]:
        return {table: self.rows.count(f'"{table}"') for table in self.tables()}

    def unchanged(self) -> bool:
        return self.counts() == self.before


@pytest.fixture
def snapshot(rows: Rows, targets: dict[str, dict]) -> Iterator[Snapshot]:
    snap = Snapshot(rows)
    yield snap
    assert snap.unchanged(), 'a refused request wrote rows'


def body_ops(ops: list[Operation]) -> list[Operation]:
    return [op for op in ops if op.body_schema is not None]


def send_body(client: Client, op: Operation, url: str, data: Any) -> requests.Response:
    if isinstance(data, (bytes, str)):
        return client.request(op.method.upper(), url, data=data)
    return client.request(op.method.upper(), url, json=data)


def field_cases(op: Operation, fields: dict[str, Any]) -> dict:
    """A body in which only `fields` are wrong: PUT sends them alone, POST adds the required rest."""
    return fields if op.method == 'put' else {**minimal_body(op), **fields}


BAD_REQUEST = ['The browser (or proxy) sent a request that this server could not understand.']
# Bodies that are no JSON document at all: refused as such before any validation.
NOT_JSON = {
    'empty': b'',
    'blank': b' \n',
    'malformed': b'{"a": 1,,}',
    'truncated': b'{"firstname": "trunc',
    'invalid utf-8': b'{"firstname": "\xff\xfe"}',
    'overlong utf-8': b'{"firstname": "\xc0\xaf"}',
}
UNPARSEABLE = {
    'array': b'[{"firstname": "x"}]',
    'empty array': b'[]',
    'string': b'"firstname"',
    'number': b'42',
    'boolean': b'true',
    'deep nesting': b'{"x": ' + b'[' * 5000 + b']' * 5000 + b'}',
    'deep objects': b'{"x": ' + b'{"y": ' * 200 + b'1' + b'}' * 200 + b'}',
}


def test_unparseable_bodies_are_400_on_every_body_route(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot
) -> None:
    client = daemon.client()
    problems = []
    for op in body_ops(ops):
        url = item_url(op, targets)
        if url is None:
            continue
        first = next(iter(op.writable()), 'x')
        cases = {**UNPARSEABLE, 'duplicate keys': f'{{"{first}": "a", "{first}": "b"}}'.encode()}
        for name, payload in cases.items():
            problem = contract_error(send_body(client, op, url, payload))
            if problem:
                problems.append(f'{op} {name}: {problem}')

    assert not problems, '\n'.join(problems)


def test_bodies_that_are_not_json_are_a_bad_request_on_every_body_route(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot
) -> None:
    client = daemon.client()
    problems = []
    for op in body_ops(ops):
        url = item_url(op, targets)
        if url is None:
            continue
        for name, payload in NOT_JSON.items():
            response = send_body(client, op, url, payload)
            if (response.status_code, response.text) != (400, json.dumps(BAD_REQUEST) + '\n'):
                problems.append(f'{op} {name}: {response.status_code} {response.text[:200]!r}')

    assert not problems, '\n'.join(problems)


def test_a_null_body_is_an_empty_object(daemon: Daemon, targets: dict[str, dict]) -> None:
    client = daemon.client()
    user = targets['/users']

    created = client.post('/users', data=b'null')
    edited = client.put(f'/users/{user["uuid"]}', data=b'null')

    assert (created.status_code, created.json()) == (
        400,
        ["Input Error - firstname: ['Missing data for required field.']"],
    )
    assert edited.status_code == 204
    assert client.get(f'/users/{user["uuid"]}').json()['firstname'] == user['firstname']


def test_wrong_types_in_every_field_are_400_naming_the_field(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot
) -> None:
    client = daemon.client()
    problems, tried = [], 0
    for op in body_ops(ops):
        url = item_url(op, targets)
        if url is None:
            continue
        for field, schema in op.writable().items():
            for value in WRONG_TYPES.get(schema.get('type', ''), []):
                if spec_rejects(schema, value):
                    tried += 1
                    problem = contract_error(send_body(client, op, url, field_cases(op, {field: value})), field)
                    if problem:
                        problems.append(f'{op} {field}={value!r}: {problem}')

    assert tried and not problems, '\n'.join(problems)


@pytest.mark.parametrize('kind', ['over maximum', 'control characters', 'nul', 'one megabyte'])
def test_bad_strings_in_every_field_are_400_naming_the_field(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot, kind: str
) -> None:
    client = daemon.client()
    problems, tried = [], 0
    for op in body_ops(ops):
        url = item_url(op, targets)
        if url is None:
            continue
        for field, schema in op.writable().items():
            if schema.get('type') != 'string' or 'enum' in schema:
                continue
            value = {
                'over maximum': 'a' * (schema.get('maxLength', MEGABYTE) + 1),
                'control characters': 'a\x01b\x1bc',
                'nul': 'a\x00b',
                'one megabyte': 'a' * MEGABYTE,
            }[kind]
            if kind == 'over maximum' and 'maxLength' not in schema:
                continue
            tried += 1
            problem = contract_error(send_body(client, op, url, field_cases(op, {field: value})), field)
            if problem:
                problems.append(f'{op} {field}: {problem}')

    assert tried and not problems, '\n'.join(problems)


LITERALS = ["'; DROP TABLE confd_user; --", "' OR '1'='1", '%', '_', '\\', '%_%', '"', '\x00']


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_search_and_every_filter_take_sql_and_wildcards_literally(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot
) -> None:
    client = daemon.client()
    problems, tried = [], 0
    for op in ops:
        url = item_url(op, targets) if op.is_list else None
        if url is None:
            continue
        for name, schema in op.query_params().items():
            # `search` and the filters: sorting has its own test.
            if schema.get('type') != 'string' or 'enum' in schema or name in ('order', 'direction'):
                continue
            for literal in LITERALS:
                tried += 1
                response = client.get(url, params={name: literal})
                if response.status_code != 200:
                    problems.append(f'{op} {name}={literal!r}: {response.status_code} {response.text[:200]}')
                    continue
                # A wildcard obeyed would bring back items that do not hold the literal text.
                strays = [i for i in response.json()['items'] if not any(literal in s for s in _strings(i))]
                if strays:
                    problems.append(f'{op} {name}={literal!r}: {len(strays)} items without it')

    assert tried and not problems, '\n'.join(problems)


@pytest.mark.parametrize(
    'params, status',
    [
        ({'limit': -1}, 400),
        ({'limit': 0}, 400),
        ({'limit': 'ten'}, 400),
        ({'limit': '1.5'}, 400),
        ({'offset': -1}, 400),
        ({'offset': 'x'}, 400),
        ({'limit': 10**30}, 200),
        ({'offset': 10**30}, 200),
        ({'limit': 2**63, 'offset': 2**63}, 200),
        ({'order': 'no_such_column'}, 400),
        ({'order': ''}, 400),
        ({'order': 'id; DROP TABLE x'}, 400),
        ({'direction': 'sideways'}, 400),
        ({'direction': ''}, 400),
        ({'recurse': 'maybe'}, 400),
    ],
)
def test_paging_and_sorting_parameters_on_every_list(
    daemon: Daemon, ops: list[Operation], targets: dict[str, dict], snapshot: Snapshot, params: dict, status: int
) -> None:
    client = daemon.client()
    problems = []
    for op in [op for op in ops if op.is_list]:
        url = item_url(op, targets)
        if url is None:
            continue
        response = client.get(url, params=params)
        if status == 200:
            if response.status_code != 200:
                problems.append(f'{op}: {response.status_code} {response.text[:200]}')
            elif 'offset' in params and response.json()['items'] != []:
                problems.append(f'{op}: items past the end')
        elif problem := contract_error(response):
            problems.append(f'{op}: {problem}')

    assert not problems, '\n'.join(problems)


def test_unknown_order_names_the_column(daemon: Daemon, ops: list[Operation], targets: dict[str, dict]) -> None:
    for op in ops:
        url = item_url(op, targets) if op.is_list else None
        if url is None:
            continue
        response = daemon.client().get(url, params={'order': 'no_such_column'})

        assert response.json() == ["Input Error - order: column 'no_such_column' was not found"], str(op)


OVERFLOWING = [2**31, 2**63, 10**30, '-1', '1e3', '0x10', ' 1']


def test_path_ids_that_overflow_or_do_not_parse_are_404(
    daemon: Daemon, ops: list[Operation], snapshot: Snapshot
) -> None:
    client = daemon.client()
    problems, tried = [], 0
    for op in ops:
        params = op.path_params()
        if not params:
            continue
        for name, schema in params.items():
            kinds = {alternative.get('type') for alternative in schema.get('anyOf', [schema])}
            values = [*(OVERFLOWING if 'integer' in kinds else []), 'not-a-uuid', str(uuid.uuid4())]
            for value in values:
                tried += 1
                url = op.url(**{n: value if n == name else 1 for n in params})
                response = client.request(op.method.upper(), url, json={})
                if response.status_code != 404 or (op.method != 'head' and contract_error(response)):
                    problems.append(f'{op} {name}={value!r}: {response.status_code} {response.text[:200]}')

    assert tried and not problems, '\n'.join(problems)


def test_ids_and_tenant_in_a_body_are_ignored(daemon: Daemon, ops: list[Operation], targets: dict[str, dict]) -> None:
    client = daemon.client()
    forced = {'id': 987654321, 'uuid': str(uuid.uuid4()), 'tenant_uuid': str(uuid.uuid4())}
    problems, tried = [], 0
    for op in body_ops(ops):
        read_only = {k for k, v in (op.body_schema or {}).get('properties', {}).items() if v.get('readOnly')}
        sent = {k: v for k, v in forced.items() if k in read_only}
        if not sent:
            continue
        if op.method == 'post':
            response = client.post(op.path, json={**minimal_body(op), **sent})
            if response.status_code != 201:
                continue
            tried += 1
            obeyed = {k for k, v in sent.items() if response.json().get(k) == v}
        else:
            url = item_url(op, targets)
            if url is None:
                continue
            tried += 1
            before = client.get(url).json()
            status = client.put(url, json=sent).status_code
            after = client.get(url).json()
            obeyed = {k for k in sent if after.get(k) != before.get(k)} | ({'status'} if status >= 300 else set())
        if obeyed:
            problems.append(f'{op}: obeyed {sorted(obeyed)}')

    assert tried and not problems, '\n'.join(problems)


def test_wrong_json_answers_name_nothing_from_the_body_but_the_field(daemon: Daemon) -> None:
    response = daemon.client().post('/users', data=json.dumps({'firstname': 'x' * 200, 'password': 'SeCrEt-1234'}))

    assert contract_error(response, 'firstname') is None
    assert 'SeCrEt-1234' not in response.text
