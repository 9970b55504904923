"""Request bodies made from the OpenAPI document: the required fields, each given a value
its schema accepts, so that tests can create rows of any listed resource."""

from __future__ import annotations

import re
from typing import Any


def list_routes(spec: dict) -> list[str]:
    """Every path whose GET answers a page: `{"total": ..., "items": [...]}`."""
    routes = []
    for path, operations in spec['paths'].items():
        get = operations.get('get', {})
        schema = (
            get.get('responses', {}).get('200', {}).get('content', {}).get('application/json', {}).get('schema', {})
        )
        if {'total', 'items'} <= set(schema.get('properties', {})):
            routes.append(path)
    return sorted(routes)


def _resolve(spec: dict, schema: dict) -> dict:
    while '$ref' in schema or len(schema.get('allOf', [])) == 1:
        if '$ref' not in schema:
            schema = schema['allOf'][0]  # a nullable body: {'nullable': true, 'allOf': [{'$ref': ...}]}
            continue
        name = schema['$ref'].rsplit('/', 1)[1]
        schema = spec['components']['schemas'][name]
    return schema


def _candidates(serial: int) -> list[str]:
    return [f'bench{serial}', f'{1000 + serial}', f'user-{serial}', f'a{serial}', f'"name{serial}"']


def _string_value(prop: dict, serial: int) -> str | None:
    if prop.get('enum'):
        return prop['enum'][0]
    if prop.get('format') == 'email':
        return f'statements{serial}@example.com'
    if prop.get('format') == 'uuid':
        return None
    for value in _candidates(serial):
        if len(value) > prop.get('maxLength', 10**6) or len(value) < prop.get('minLength', 0):
            continue
        if prop.get('pattern') and not re.search(prop['pattern'], value):
            continue
        return value
    return None


def example_body(spec: dict, path: str, serial: int) -> dict[str, Any] | None:
    """A body for POST `path` with every required field set, or None if one has no known value."""
    post = spec['paths'].get(path, {}).get('post')
    if post is None:
        return None
    schema = _resolve(spec, post['requestBody']['content']['application/json']['schema'])
    body: dict[str, Any] = {}
    for name in schema.get('required', []):
        prop = _resolve(spec, schema['properties'].get(name, {}))
        kind = prop.get('type')
        if kind == 'string':
            value: Any = _string_value(prop, serial)
        elif kind == 'integer':
            value = max(prop.get('minimum', 1), 1)
        elif kind == 'boolean':
            value = True
        else:
            value = None
        if value is None:
            return None
        body[name] = value
    return body
