"""OpenAPI 3 document generated from the registered routes and their marshmallow schemas.

Nothing is written by hand: a disabled plugin has no routes, so it has no part here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema, fields

from wazo_confd import __version__
from wazo_confd.kit.schema import Link, ListLinks, StrictString
from wazo_confd.kit.validator import UniqueField

from .master_tenant import is_master_tenant_only
from .resource import ConfdResource

ERROR = {'type': 'array', 'items': {'type': 'string'}}
# An empty Wazo-Tenant header means "the token's tenant", as upstream.
TENANT_HEADER_SCHEMA = {
    'type': 'string',
    'pattern': '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$',
}
# A plain marshmallow DateTime dumps naive times without an offset (upstream's created_at),
# which RFC 3339 `date-time` does not allow.
# StrictString refuses control characters other than tab, CR and LF.
NO_CONTROL_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$'
ISO_DATETIME_PATTERN = r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$'
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


def _datetime_without_offset(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    if isinstance(field, fields.DateTime) and not isinstance(field, fields.AwareDateTime) and field.format in (
        None, 'iso', 'iso8601'
    ):
        if ret.get('format') == 'date-time':
            del ret['format']
            return {'pattern': ISO_DATETIME_PATTERN}
    return {}


def _no_control_characters(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    if not isinstance(field, StrictString):
        return {}
    if 'pattern' not in ret:
        return {'pattern': NO_CONTROL_PATTERN}
    # One `pattern` per schema: the field's own regexp stays, the character rule joins it.
    return {'allOf': [*ret.get('allOf', []), {'pattern': NO_CONTROL_PATTERN}]}


def _list_parameters(extra: dict, facts: ResourceFacts) -> list[dict]:
    order: dict[str, Any] = {'type': 'string'}
    if facts.columns:
        order['enum'] = list(facts.columns)
    params = [
        {'name': 'recurse', 'in': 'query', 'schema': {'type': 'boolean', 'default': False}},
        {'name': 'order', 'in': 'query', 'schema': order},
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
    # Any other search column is an exact-match filter.
    taken = {p['name'] for p in params}
    for column in facts.columns:
        if column not in taken:
            params.append({'name': column, 'in': 'query', 'schema': {'type': 'string'}, 'description': 'exact match'})
    return params


@dataclass
class ResourceFacts:
    """What a resource instance knows beyond its class: sortable columns, unique fields."""

    columns: list[str] = field(default_factory=list)
    unique: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, resource: type[ConfdResource], kwargs: dict | None) -> ResourceFacts:
        if kwargs is None:
            return cls()
        try:
            instance = resource(**kwargs)
        except TypeError:
            return cls()
        service = getattr(instance, 'service', None)
        config = getattr(getattr(service, 'dao', None), 'search_config', None)
        validator = getattr(service, 'validator', None)
        rules = [
            *getattr(validator, 'common', []), *getattr(validator, 'create', []), *getattr(validator, 'edit', [])
        ]
        unique = sorted({rule.field for rule in rules if isinstance(rule, UniqueField)})
        return cls(columns=list(getattr(config, 'columns', {})), unique=unique)


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
        assert self.plugin.converter is not None
        self.plugin.converter.add_attribute_function(_datetime_without_offset)
        self.plugin.converter.add_attribute_function(_no_control_characters)
        self._schemas: dict[tuple[type, bool], str] = {}

    def ref(self, schema: type[Schema], unique: list[str] | None = None, partial: bool = False) -> dict:
        key = (schema, partial)
        if key not in self._schemas:
            name = _schema_name(schema) + ('Update' if partial else '')
            # A partial schema has no `required`: PUT sends only the fields it changes.
            self.spec.components.schema(name, schema=schema(partial=True) if partial else schema)
            self._schemas[key] = name
        properties = self.spec.components.schemas[self._schemas[key]].get('properties', {})
        for name in unique or []:
            if name in properties:
                # Not expressible in JSON Schema; tells clients and test generators.
                properties[name]['x-unique'] = True
        return {'$ref': f'#/components/schemas/{self._schemas[key]}'}

    def operation(
        self, resource: type[ConfdResource], method: str, path_params: list[dict], facts: ResourceFacts | None = None
    ) -> dict:
        facts = facts or ResourceFacts()
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
                {'name': 'Wazo-Tenant', 'in': 'header', 'required': False, 'schema': dict(TENANT_HEADER_SCHEMA)}
            )
            operation['responses'].update(_error_responses(401))
        schema = getattr(resource, 'schema', None)
        kind = doc.pop('kind', None) or self._kind(resource, method)
        if kind == 'list':
            operation['parameters'] += _list_parameters(doc.get('query', {}), facts)
            # A view's item also fits the full schema: anyOf, not oneOf.
            items = {'anyOf': [self.ref(s) for s in [schema, *doc.get('views', {}).values()]]} if doc.get('views') else self.ref(schema)
            operation['responses']['200'] = {
                'description': 'A page of items',
                'content': {'application/json': {'schema': {
                    'type': 'object',
                    'properties': {'total': {'type': 'integer'}, 'items': {'type': 'array', 'items': items}},
                }}},
            }
            operation['responses'].update(_error_responses(400))
        elif kind == 'create':
            body = self.ref(schema, facts.unique)
            # An empty body reads as {}: it is only refused when some field is required.
            required = any(f.required for f in schema().fields.values())
            operation['requestBody'] = {'required': required, 'content': {'application/json': {'schema': body}}}
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
            body = self.ref(schema, facts.unique, partial=True)
            operation['requestBody'] = {'required': False, 'content': {'application/json': {'schema': body}}}
            operation['responses']['204'] = {'description': 'Updated'}
            operation['responses'].update(_error_responses(400, 404, 413))
        elif kind == 'delete':
            operation['responses']['204'] = {'description': 'Deleted'}
            operation['responses'].update(_error_responses(400, 404))
        else:
            response = doc.get('response', {'description': 'OK'})
            operation['responses'][str(doc.get('status', 200))] = response
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
        resource_kwargs = app.extensions.get('confd_resource_kwargs', {})
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            view = app.view_functions.get(rule.endpoint)
            resource = getattr(view, 'view_class', None)
            if resource is None or not issubclass(resource, ConfdResource) or not rule.rule.startswith(prefix):
                continue
            path, params = _path_and_params(rule.rule[len(prefix):])
            facts = ResourceFacts.of(resource, resource_kwargs.get(rule.endpoint))
            operations = paths.setdefault(path, {})
            for method in sorted((rule.methods or set()) - {'OPTIONS'}):
                name = method.lower()
                if name in operations or not hasattr(resource, name):
                    continue
                if name == 'head' and 'head' not in resource.acls:
                    continue
                operations[name] = self.operation(resource, name, params, facts)
        for path, operations in paths.items():
            self.spec.path(path=path, operations=operations)
        return self.spec.to_dict()


def build_spec(app: Flask) -> dict:
    return SpecBuilder().build(app)

