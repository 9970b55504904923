"""The daemon's own OpenAPI document, read as a list of operations to aim bad input at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .client import Client

METHODS = ('get', 'head', 'post', 'put', 'delete')


@dataclass
class Operation:
    method: str
    path: str
    spec: dict
    root: dict

    def __str__(self) -> str:
        return f'{self.method.upper()} {self.path}'

    def resolve(self, schema: dict) -> dict:
        while '$ref' in schema or len(schema.get('allOf', [])) == 1:
            if '$ref' not in schema:
                schema = schema['allOf'][0]  # {'nullable': true, 'allOf': [{'$ref': ...}]}
                continue
            name = schema['$ref'].rsplit('/', 1)[1]
            schema = self.root['components']['schemas'][name]
        return schema

    @property
    def body_schema(self) -> dict | None:
        body = self.spec.get('requestBody')
        if body is None:
            return None
        return self.resolve(body['content']['application/json']['schema'])

    def writable(self) -> dict[str, dict]:
        """Body properties a client may send, with their schemas."""
        schema = self.body_schema or {}
        return {k: v for k, v in schema.get('properties', {}).items() if not v.get('readOnly')}

    def path_params(self) -> dict[str, dict]:
        return {p['name']: p['schema'] for p in self.spec.get('parameters', []) if p['in'] == 'path'}

    def query_params(self) -> dict[str, dict]:
        return {p['name']: p['schema'] for p in self.spec.get('parameters', []) if p['in'] == 'query'}

    @property
    def is_list(self) -> bool:
        ok = self.spec.get('responses', {}).get('200', {})
        schema = ok.get('content', {}).get('application/json', {}).get('schema', {})
        return self.method == 'get' and {'total', 'items'} <= set(schema.get('properties', {}))

    def url(self, **values: Any) -> str:
        return re.sub(r'\{(\w+)\}', lambda m: str(values[m.group(1)]), self.path)


def operations(client: Client) -> list[Operation]:
    root = yaml.safe_load(client.get('/api/api.yml').text)
    found = []
    for path, item in root['paths'].items():
        for method in METHODS:
            if method in item:
                found.append(Operation(method, path, item[method], root))
    return found


def sample(schema: dict) -> Any:
    """A simple value of the schema's type (valid unless a pattern or format says otherwise)."""
    if 'enum' in schema:
        return schema['enum'][0]
    if 'default' in schema:
        return schema['default']
    kind = schema.get('type')
    if kind == 'integer':
        return max(schema.get('minimum', 1), 1) if schema.get('maximum', 1) >= 1 else schema['maximum']
    if kind == 'number':
        return schema.get('minimum', 1)
    if kind == 'boolean':
        return True
    if kind == 'array':
        return []
    if kind == 'object':
        return {}
    if schema.get('format') == 'email':
        return 'someone@example.com'
    return 'a'


WRONG_TYPES: dict[str, list[Any]] = {
    'string': [123, True, ['a'], {'a': 1}],
    'integer': ['12', 1.5, True, [1], {'a': 1}],
    'number': ['1.5', True, [1]],
    'boolean': ['true', 1, 0, 'false', [True]],
    'array': ['a', 1, {'a': 1}],
    'object': ['a', 1, [1]],
}
