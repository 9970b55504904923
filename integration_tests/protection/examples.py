"""Factories of the declared resources, read from the example bodies of the OpenAPI document.

A declared resource (wazo_confd/kit/declaration.py) documents a valid POST body as its
request body's `example`, a PUT body that changes something as its PUT `example`, and in
`x-example-refs` the fields naming an object that must exist first (an extension's
context: made by POSTing the referred collection's own example). From these, the matrix
makes objects of such a resource with no hand-written factory:

- a POST body is the example with fresh values in its unique fields (`x-unique`): digits
  stay digits of the same length, other strings take a random suffix;
- an item of `/things/{var}` is made by POSTing to `/things`, `{var}` taken from the answer;
- a document of settings (no path variable) is PUT its example;
- an object whose answer has no `tenant_uuid` belongs to no tenant: the master tenant's
  when its routes are the master tenant's, every tenant's otherwise.
"""

from __future__ import annotations

import random
import uuid
from functools import partial
from typing import Any

from .factories import Factory, Made, Maker


def document_factories(document: dict) -> dict[str, Factory]:
    paths = document['paths']
    schemas = document.get('components', {}).get('schemas', {})
    factories: dict[str, Factory] = {}
    bodies = {}
    for route, operations in paths.items():
        content = _json_body(operations.get('post'))
        if content is not None and 'example' in content:
            bodies[route] = _Body(content, _unique_fields(content, schemas))
    for route, operations in paths.items():
        settings = _json_body(operations.get('put'))
        if '{' not in route and settings is not None and 'example' in settings:
            factories[route] = Factory(update=settings['example'])  # a document of settings
    for route, body in bodies.items():
        factories[route] = Factory(body_in=partial(body.make, bodies=bodies))
        for item_route, operations in paths.items():
            if item_route.rsplit('/', 1)[0] != route or not item_route.endswith('}'):
                continue
            var = item_route.rsplit('{', 1)[1].rstrip('}')
            master_only = any(op.get('x-master-tenant-only') for op in operations.values() if isinstance(op, dict))
            update = _json_body(operations.get('put'))
            factories[item_route] = Factory(
                create=partial(_create, route=route, var=var, master_only=master_only, bodies=bodies),
                update=None if update is None else update.get('example'),
            )
    return factories


class _Body:
    def __init__(self, content: dict, unique: set[str]) -> None:
        self.example = content['example']
        self.refs = content.get('x-example-refs', {})
        self.unique = unique

    def make(self, maker: Maker, bodies: dict[str, _Body]) -> dict:
        body = {name: _fresh(value) if name in self.unique else value for name, value in self.example.items()}
        for name, ref in self.refs.items():
            referred = _post(maker, ref['collection'], bodies[ref['collection']].make(maker, bodies))
            body[name] = referred[ref['key']]
        return body


def _create(maker: Maker, route: str, var: str, master_only: bool, bodies: dict[str, _Body]) -> Made:
    answer = _post(maker, route, bodies[route].make(maker, bodies))
    if 'tenant_uuid' in answer:
        return Made({var: answer[var]})
    if master_only:
        master = maker.api.as_token(maker.api.token).get('/tenants').json()['items'][0]['uuid']
        return Made({var: answer[var]}, owner=master)
    return Made({var: answer[var]}, shared=True)


def _post(maker: Maker, collection: str, body: dict) -> dict:
    response = maker.api.post(collection, json=body)
    assert response.status_code == 201, f'example POST {collection}: {response.status_code} {response.text}'
    return response.json()


def _json_body(operation: dict | None) -> dict | None:
    if not operation or 'requestBody' not in operation:
        return None
    return operation['requestBody']['content']['application/json']


def _unique_fields(content: dict, schemas: dict) -> set[str]:
    schema = content['schema']
    ref = schema.get('$ref') or next((part['$ref'] for part in schema.get('allOf', []) if '$ref' in part), None)
    if ref is None:
        return set()
    properties = schemas.get(ref.rsplit('/', 1)[-1], {}).get('properties', {})
    return {name for name, spec in properties.items() if spec.get('x-unique')}


def _fresh(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value.isdigit():
        return ''.join(random.choice('0123456789') for _ in value)  # noqa: S311
    return f'{value}{uuid.uuid4().hex[:8]}'
