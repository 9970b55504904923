"""OpenAPI 3 document generated from the registered routes and their marshmallow schemas.

Nothing is written by hand: a disabled plugin has no routes, so it has no part here.
"""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from wazo_confd import __version__
from wazo_confd.kit.schema import Link, ListLinks

from .master_tenant import is_master_tenant_only
from .resource import ConfdResource

ERROR = {'type': 'array', 'items': {'type': 'string'}}
_VAR = re.compile(r'<(?:(\w+):)?(\w+)>')
_STATUS_TEXT = {
    200: 'OK',
    201: 'Created',
    204: 'No content',
    400: 'Invalid input',
    401: 'Unauthorized',
    404: 'Not found',
    413: 'Body too large',
    503: 'Service unavailable',
}


def _schema_name(schema: type[Schema]) -> str:
    name = schema.__name__
    return name[: -len('Schema')] if name.endswith('Schema') and name != 'Schema' else name


def _path_and_params(rule: str) -> tuple[str, list[dict]]:
    params = []
    for converter, name in _VAR.findall(rule):
        kind = {'int': {'type': 'integer', 'minimum': 0}, 'uuid': {'type': 'string', 'format': 'uuid'}}.get(
            converter, {'type': 'string'}
        )
        params.append({'name': name, 'in': 'path', 'required': True, 'schema': kind})
    return _VAR.sub(lambda m: '{' + m.group(2) + '}', rule), params


def _error_responses(*codes: int) -> dict:
    return {
        str(code): {'description': _STATUS_TEXT[code], 'content': {'application/json': {'schema': ERROR}}}
        for code in codes
    }


def _list_parameters(extra: dict) -> list[dict]:
    params = [
        {'name': 'recurse', 'in': 'query', 'schema': {'type': 'boolean', 'default': False}},
        {'name': 'order', 'in': 'query', 'schema': {'type': 'string'}},
        {'name': 'direction', 'in': 'query', 'schema': {'type': 'string', 'enum': ['asc', 'desc']}},
        {'name': 'limit', 'in': 'query', 'schema': {'type': 'integer', 'minimum': 1}},
        {'name': 'offset', 'in': 'query', 'schema': {'type': 'integer', 'minimum': 0, 'default': 0}},
        {'name': 'search', 'in': 'query', 'schema': {'type': 'string'}},
    ]
    for name, kind in extra.items():
        if isinstance(kind, list):
            params.append({'name': name, 'in': 'query', 'schema': {'type': 'string', 'enum': kind}})
        else:
            params.append({'name': name, 'in': 'query', 'schema': {'type': 'string'}})
    return params


class SpecBuilder:
    def __init__(self, title: str = 'wazo-confd'):
        self.plugin = MarshmallowPlugin(schema_name_resolver=lambda s: None)
        self.spec = APISpec(
            title=title,
            version=__version__,
            openapi_version='3.0.3',
            info={'description': 'Configuration of a Wazo telephony platform', 'license': {'name': 'GPL-3.0-or-later'}},
            servers=[{'url': '/1.1'}],
            plugins=[self.plugin],
        )
        self.spec.components.security_scheme(
            'wazo_auth_token', {'type': 'apiKey', 'in': 'header', 'name': 'X-Auth-Token'}
        )
        self.plugin.map_to_openapi_type(ListLinks, 'array', None)
        self.plugin.map_to_openapi_type(Link, 'object', None)
        self._schemas: dict[type, str] = {}

    def ref(self, schema: type[Schema]) -> dict:
        if schema not in self._schemas:
            name = _schema_name(schema)
            self.spec.components.schema(name, schema=schema)
            self._schemas[schema] = name
        return {'$ref': f'#/components/schemas/{self._schemas[schema]}'}

    def operation(self, resource: type[ConfdResource], method: str, path_params: list[dict]) -> dict:
        handler = getattr(resource, method)
        doc = dict(getattr(resource, 'docs', {}).get(method, {}))
        operation: dict[str, Any] = {
            'operationId': f'{method}_{resource.__name__}',
            'tags': [resource.__module__.split('.')[-2]],
            'parameters': list(path_params),
            'responses': {},
        }
        if getattr(handler, 'no_auth', False):
            operation['security'] = []
        else:
            acl = resource.acls.get(method) or resource.acls.get('get')
            operation['description'] = f'**Required ACL:** `{acl}`'
            # Machine-readable facts for clients and the tenant isolation matrix.
            operation['x-required-acl'] = acl
            if is_master_tenant_only(resource, handler):
                operation['x-master-tenant-only'] = True
            operation['security'] = [{'wazo_auth_token': []}]
            operation['parameters'].append(
                {'name': 'Wazo-Tenant', 'in': 'header', 'required': False, 'schema': {'type': 'string', 'format': 'uuid'}}
            )
            operation['responses'].update(_error_responses(401))
        schema = getattr(resource, 'schema', None)
        kind = doc.pop('kind', None) or self._kind(resource, method)
        if kind == 'list':
            operation['parameters'] += _list_parameters(doc.get('query', {}))
            items = {'oneOf': [self.ref(s) for s in [schema, *doc.get('views', {}).values()]]} if doc.get('views') else self.ref(schema)
            operation['responses']['200'] = {
                'description': 'A page of items',
                'content': {'application/json': {'schema': {
                    'type': 'object',
                    'properties': {'total': {'type': 'integer'}, 'items': {'type': 'array', 'items': items}},
                }}},
            }
            operation['responses'].update(_error_responses(400))
        elif kind == 'create':
            operation['requestBody'] = {'required': True, 'content': {'application/json': {'schema': self.ref(schema)}}}
            operation['responses']['201'] = {
                'description': 'Created',
                'headers': {'Location': {'schema': {'type': 'string'}}},
                'content': {'application/json': {'schema': self.ref(schema)}},
            }
            operation['responses'].update(_error_responses(400, 413))
        elif kind == 'read':
            operation['responses']['200'] = {'description': 'OK', 'content': {'application/json': {'schema': self.ref(schema)}}}
            operation['responses'].update(_error_responses(404))
        elif kind == 'head':
            operation['responses']['200'] = {'description': 'Exists'}
            operation['responses']['404'] = {'description': 'Not found'}
        elif kind == 'update':
            operation['requestBody'] = {'required': True, 'content': {'application/json': {'schema': self.ref(schema)}}}
            operation['responses']['204'] = {'description': 'Updated'}
            operation['responses'].update(_error_responses(400, 404, 413))
        elif kind == 'delete':
            operation['responses']['204'] = {'description': 'Deleted'}
            operation['responses'].update(_error_responses(400, 404))
        else:
            response = doc.get('response', {'description': 'OK'})
            operation['responses'][str(doc.get('status', 200))] = response
            if doc.get('body'):  # a non-CRUD handler reading its resource's schema
                operation['requestBody'] = {'required': True, 'content': {'application/json': {'schema': self.ref(schema)}}}
                operation['responses'].update(_error_responses(400))
        operation['responses'].update(_error_responses(503))
        return operation

    @staticmethod
    def _kind(resource: type[ConfdResource], method: str) -> str | None:
        from wazo_confd.kit.resource import ItemResource, ListResource

        if issubclass(resource, ListResource):
            return {'get': 'list', 'post': 'create'}.get(method)
        if issubclass(resource, ItemResource):
            return {'get': 'read', 'head': 'head', 'put': 'update', 'delete': 'delete'}.get(method)
        return None

    def build(self, app: Flask, prefix: str = '/1.1') -> dict:
        paths: dict[str, dict] = {}
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            view = app.view_functions.get(rule.endpoint)
            resource = getattr(view, 'view_class', None)
            if resource is None or not issubclass(resource, ConfdResource) or not rule.rule.startswith(prefix):
                continue
            path, params = _path_and_params(rule.rule[len(prefix):])
            operations = paths.setdefault(path, {})
            for method in sorted((rule.methods or set()) - {'OPTIONS'}):
                name = method.lower()
                if name in operations or not hasattr(resource, name):
                    continue
                if name == 'head' and 'head' not in resource.acls:
                    continue
                operations[name] = self.operation(resource, name, params)
        for path, operations in paths.items():
            self.spec.path(path=path, operations=operations)
        return self.spec.to_dict()


def build_spec(app: Flask) -> dict:
    return SpecBuilder().build(app)

