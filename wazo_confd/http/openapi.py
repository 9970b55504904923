"""OpenAPI 3 document generated from the registered routes and their marshmallow schemas.

Nothing is written by hand: a disabled plugin has no routes, so it has no part here.
http/ never imports wazo_confd.kit (the kit builds on http/): what the generator needs to
know of a resource or a field, they say themselves (ConfdResource's `operation_kinds` and
hooks, a field's OpenAPI `metadata`, see spec_facts.py).
"""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from wazo_confd import __version__

from .master_tenant import is_master_tenant_only
from .resource import ConfdResource
from .spec_facts import (
    ERROR_DESCRIPTION,
    ERROR_EXAMPLES,
    LINK_SUMMARIES,
    LIST_PARAMETER_DESCRIPTIONS,
    OVERVIEW,
    SUMMARIES,
    TENANT_HEADER_DESCRIPTION,
    ResourceFacts,
    accepted_characters,
    datetime_without_offset,
)

ERROR = {'$ref': '#/components/schemas/Error'}
# An empty Wazo-Tenant header means "the token's tenant", as upstream.
TENANT_HEADER_SCHEMA = {
    'type': 'string',
    'pattern': '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$',
}
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


def _accept_null_body(body: dict) -> None:
    # A JSON `null` body reads as {} (contract): the document says so.
    content = body['content']['application/json']
    content['schema'] = {'nullable': True, 'allOf': [content['schema']]}


def _add_example(body: dict, doc: dict) -> None:
    """A declared resource's example body; `x-example-refs` names the fields that must name
    an object made first (the isolation matrix makes it from its own collection's example)."""
    content = body['content']['application/json']
    if doc.get('example') is not None:
        content['example'] = doc['example']
    if doc.get('example_refs'):
        refs = doc['example_refs'].items()
        content['x-example-refs'] = {name: {'collection': path, 'key': key} for name, (path, key) in refs}


def _merged_path_params(rules: Any) -> dict[str, list[dict]]:
    """Parameters per documented path; a variable that several rules type differently
    (users: `<int:id>` and `<uuid:id>`) takes any of their types."""
    kinds: dict[str, dict[str, list[dict]]] = {}
    for rule in rules:
        path, params = _path_and_params(rule)
        for param in params:
            found = kinds.setdefault(path, {}).setdefault(param['name'], [])
            if param['schema'] not in found:
                found.append(param['schema'])
        kinds.setdefault(path, {})
    return {
        path: [
            {
                'name': name,
                'in': 'path',
                'required': True,
                'schema': schemas[0] if len(schemas) == 1 else {'anyOf': schemas},
            }
            for name, schemas in names.items()
        ]
        for path, names in kinds.items()
    }


def _error_responses(*codes: int) -> dict:
    return {
        str(code): {
            'description': _STATUS_TEXT[code],
            'content': {'application/json': {'schema': ERROR, **_example(code)}},
        }
        for code in codes
    }


def _example(code: int) -> dict:
    return {'example': ERROR_EXAMPLES[code]} if code in ERROR_EXAMPLES else {}


def path_tags(path: str, collections: set[str]) -> list[str]:
    """The resources a path is about: its first segment, and each segment after a variable
    that names a collection of its own (`/users/{id}/lines/{line_id}`: users and lines)."""
    segments = path.strip('/').split('/')
    tags = [segments[0]]
    for before, segment in zip(segments, segments[1:], strict=False):
        if before.startswith('{') and segment in collections and segment not in tags:
            tags.append(segment)
    return tags


def _list_parameters(extra: dict, facts: ResourceFacts, sortable: list[str]) -> list[dict]:
    order: dict[str, Any] = {'type': 'string'}
    if facts.columns or sortable:
        order['enum'] = list(facts.columns or sortable)
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
            described = (
                'exact match, of any value of the comma-separated list' if column in facts.listed else 'exact match'
            )
            params.append({'name': column, 'in': 'query', 'schema': {'type': 'string'}, 'description': described})
    for param in params:
        if param['name'] in LIST_PARAMETER_DESCRIPTIONS:
            param['description'] = LIST_PARAMETER_DESCRIPTIONS[param['name']]
    return params


def _query_parameters(query: dict) -> list[dict]:
    """An item operation's own query parameters: `name: [values]` (an enum), `name: 'boolean'`,
    or `name: '<format>'` (a string of that format)."""
    params = []
    for name, kind in query.items():
        if isinstance(kind, list):
            schema: dict[str, Any] = {'type': 'string', 'enum': kind}
        elif kind == 'boolean':
            schema = {'type': 'boolean', 'default': False}
        else:
            schema = {'type': 'string', 'format': kind}
        params.append({'name': name, 'in': 'query', 'schema': schema})
    return params


def _inline_nested(schema: type[Schema]) -> str | None:
    """No component name: a nested schema is written inline where it is used."""
    return None


class SpecBuilder:
    def __init__(self, title: str = 'wazo-confd'):
        # apispec types the resolver as returning str, though it documents None as "inline".
        self.plugin = MarshmallowPlugin(schema_name_resolver=_inline_nested)  # type: ignore[arg-type]
        self.spec = APISpec(
            title=title,
            version=__version__,
            openapi_version='3.0.3',
            info={'description': OVERVIEW, 'license': {'name': 'GPL-3.0-or-later'}},
            servers=[{'url': '/1.1'}],
            plugins=[self.plugin],
        )
        self.spec.components.security_scheme(
            'wazo_auth_token', {'type': 'apiKey', 'in': 'header', 'name': 'X-Auth-Token'}
        )
        self.spec.components.schema(
            'Error',
            {
                'type': 'array',
                'items': {'type': 'string'},
                'description': ERROR_DESCRIPTION,
                'example': ERROR_EXAMPLES[404],
            },
        )
        assert self.plugin.converter is not None
        self.plugin.converter.add_attribute_function(datetime_without_offset)
        self.plugin.converter.add_attribute_function(accepted_characters)
        self._schemas: dict[tuple[type, bool], str] = {}

    def ref(self, schema: type[Schema] | None, unique: list[str] | None = None, partial: bool = False) -> dict:
        if schema is None:
            raise TypeError("an operation that reads or answers a body needs its resource's schema")
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
        self,
        resource: type[ConfdResource],
        method: str,
        path_params: list[dict],
        facts: ResourceFacts | None = None,
        tags: list[str] | None = None,
    ) -> dict:
        facts = facts or ResourceFacts()
        handler = getattr(resource, method)
        doc = dict(getattr(resource, 'docs', {}).get(method, {}))
        kind = doc.pop('kind', None) or resource.operation_kinds.get(method)
        operation: dict[str, Any] = {
            'operationId': f'{method}_{resource.__name__}',
            'tags': tags or [resource.__module__.split('.')[-2]],
            'parameters': list(path_params),
            'responses': {},
        }
        summary = doc.get('summary') or SUMMARIES.get(kind or '') or doc.get('response', {}).get('description')
        if summary:
            operation['summary'] = summary
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
                {
                    'name': 'Wazo-Tenant',
                    'in': 'header',
                    'required': False,
                    'description': TENANT_HEADER_DESCRIPTION,
                    'schema': dict(TENANT_HEADER_SCHEMA),
                }
            )
            operation['responses'].update(_error_responses(401))
            operation['responses']['401']['content']['application/json']['example'] = [
                f'Unauthorized: ACL {acl} is not granted'
            ]
        schema: type[Schema] | None = getattr(resource, 'schema', None)
        if kind == 'list':
            operation['parameters'] += _list_parameters(doc.get('query', {}), facts, doc.get('order', []))
            # A view's item also fits the full schema: anyOf, not oneOf.
            items = (
                {'anyOf': [self.ref(s) for s in [schema, *doc.get('views', {}).values()]]}
                if doc.get('views')
                else self.ref(schema)
            )
            operation['responses']['200'] = {
                'description': 'A page of items',
                'content': {
                    'application/json': {
                        'schema': {
                            'type': 'object',
                            'properties': {'total': {'type': 'integer'}, 'items': {'type': 'array', 'items': items}},
                        }
                    }
                },
            }
            operation['responses'].update(_error_responses(400))
        elif kind == 'create':
            body_schema = doc.get('body', schema)
            body = self.ref(body_schema, facts.unique)
            # An empty body is no JSON document: refused (400) like any other.
            operation['requestBody'] = {'required': True, 'content': {'application/json': {'schema': body}}}
            _add_example(operation['requestBody'], doc)
            operation['responses']['201'] = {
                'description': 'Created',
                'headers': {'Location': {'schema': {'type': 'string'}}},
                'content': {'application/json': {'schema': self.ref(schema)}},
            }
            # `errors`: more statuses, e.g. a 404 for an id named inside the body.
            operation['responses'].update(_error_responses(400, 413, *doc.get('errors', ())))
        elif kind == 'read':
            operation['parameters'] += _query_parameters(doc.get('query', {}))
            operation['responses']['200'] = {
                'description': 'OK',
                'content': {'application/json': {'schema': self.ref(schema)}},
            }
            operation['responses'].update(_error_responses(404))
        elif kind == 'head':
            operation['responses']['200'] = {'description': 'Exists'}
            operation['responses']['404'] = {'description': 'Not found'}
        elif kind == 'update':
            body = self.ref(doc.get('body', schema), facts.unique, partial=doc.get('partial', True))
            operation['requestBody'] = {'required': True, 'content': {'application/json': {'schema': body}}}
            _add_example(operation['requestBody'], doc)
            operation['responses']['204'] = {'description': 'Updated'}
            operation['responses'].update(_error_responses(400, 404, 413))
        elif kind == 'delete':
            operation['parameters'] += _query_parameters(doc.get('query', {}))
            operation['responses']['204'] = {'description': 'Deleted'}
            operation['responses'].update(_error_responses(400, 404))
        else:
            response = doc.get('response', {'description': 'OK'})
            operation['responses'][str(doc.get('status', 200))] = response
            if doc.get('body'):  # a non-CRUD handler reading a body: its resource's schema or its own
                body_schema = schema if doc['body'] is True else doc['body']
                operation['requestBody'] = {
                    'required': True,
                    'content': {'application/json': {'schema': self.ref(body_schema)}},
                }
                _add_example(operation['requestBody'], doc)
                operation['responses'].update(_error_responses(400))
        # Whatever the kind: a path variable may name nothing, a body or a query may be wrong.
        if path_params:
            operation['responses'].setdefault('404', _error_responses(404)['404'])
        if method in ('post', 'put', 'delete') or any(p['in'] == 'query' for p in operation['parameters']):
            operation['responses'].setdefault('400', _error_responses(400)['400'])
        if 'requestBody' in operation:
            _accept_null_body(operation['requestBody'])
        operation['responses'].update(_error_responses(503))
        return operation

    def build(self, app: Flask, prefix: str = '/1.1') -> dict:
        paths: dict[str, dict] = {}
        resource_kwargs = app.extensions.get('confd_resource_kwargs', {})
        rules = [
            rule
            for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
            if rule.rule.startswith(prefix)
            and issubclass(getattr(app.view_functions.get(rule.endpoint), 'view_class', object), ConfdResource)
        ]
        merged = _merged_path_params(rule.rule[len(prefix) :] for rule in rules)
        collections = {path.strip('/').split('/')[0] for path in merged}
        for rule in rules:
            # Flask types a view function as any callable; those of `View.as_view` carry their class.
            resource = app.view_functions[rule.endpoint].view_class  # type: ignore[union-attr]
            path, _ = _path_and_params(rule.rule[len(prefix) :])
            params = merged[path]
            facts = ResourceFacts.of(resource, resource_kwargs.get(rule.endpoint))
            operations = paths.setdefault(path, {})
            for method in sorted((rule.methods or set()) - {'OPTIONS'}):
                name = method.lower()
                if name in operations or not hasattr(resource, name):
                    continue
                if name == 'head' and 'head' not in resource.acls:
                    continue
                tags = path_tags(path, collections)
                operations[name] = self.operation(resource, name, params, facts, tags)
                if len(tags) > 1 and path.endswith('}'):  # /a/{x}/b/{y}: link or unlink
                    operations[name].setdefault('summary', LINK_SUMMARIES.get(name))
        for path, operations in paths.items():
            self.spec.path(path=path, operations=operations)
        for tag in sorted({tag for operations in paths.values() for op in operations.values() for tag in op['tags']}):
            self.spec.tag({'name': tag})
        return self.spec.to_dict()


def build_spec(app: Flask) -> dict:
    return SpecBuilder().build(app)
