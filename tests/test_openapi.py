"""The generated OpenAPI document says what the code does (no daemon, no network)."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.bus.outbox import Outbox
from wazo_confd.config import DEFAULTS
from wazo_confd.database.uow import Database
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.openapi import build_spec, path_tags
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import PluginDependencies, Providers
from wazo_confd.plugins.user.plugin import Plugin as UserPlugin


@pytest.fixture(scope='module')
def spec() -> dict:
    database = Database('sqlite://')
    app, api = create_app(DEFAULTS, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    UserPlugin().load(PluginDependencies(api, database, Outbox(database, lambda: None), DEFAULTS, Providers()))
    with app.app_context():
        document = build_spec(app)
    database.dispose()
    return document


def test_document_is_valid_openapi(spec: dict) -> None:
    validate(spec)


def test_order_lists_the_sortable_columns_and_each_is_a_filter(spec: dict) -> None:
    params = {p['name']: p['schema'] for p in spec['paths']['/users']['get']['parameters']}

    assert 'lastname' in params['order']['enum'] and 'nope' not in params['order']['enum']
    assert params['email'] == {'type': 'string'}


def test_unique_fields_are_marked(spec: dict) -> None:
    body = spec['paths']['/users']['post']['requestBody']['content']['application/json']['schema']
    properties = spec['components']['schemas'][_component(body)]['properties']

    assert properties['email']['x-unique'] is True and properties['username']['x-unique'] is True
    assert 'x-unique' not in properties['firstname']


def _component(schema: dict) -> str:
    ref = schema.get('$ref') or next(part['$ref'] for part in schema['allOf'] if '$ref' in part)
    return ref.rsplit('/', 1)[-1]


def test_post_users_documents_the_nested_lines_and_voicemail_and_their_404(spec: dict) -> None:
    post = spec['paths']['/users']['post']
    properties = spec['components']['schemas'][
        _component(post['requestBody']['content']['application/json']['schema'])
    ]['properties']

    assert properties['lines']['type'] == 'array' and properties['voicemail']['type'] == 'object'
    assert '404' in post['responses']


def test_put_body_is_partial_and_required(spec: dict) -> None:
    put = spec['paths']['/users/{id}']['put']['requestBody']

    assert put['required'] is True  # an empty body is a 400; `null` and `{}` change nothing
    assert put['content']['application/json']['schema'] == {
        'nullable': True,
        'allOf': [{'$ref': '#/components/schemas/UserUpdate'}],  # null reads as {}
    }
    assert 'required' not in spec['components']['schemas']['UserUpdate']
    assert spec['components']['schemas']['User']['required'] == ['firstname']


def test_naive_datetimes_are_not_documented_as_rfc3339(spec: dict) -> None:
    created_at = spec['components']['schemas']['User']['properties']['created_at']

    assert 'format' not in created_at and created_at['pattern'].startswith('^')


def test_strict_strings_document_the_character_rule_and_a_ceiling(spec: dict) -> None:
    properties = spec['components']['schemas']['User']['properties']

    assert properties['description']['maxLength'] == 65535
    assert '\\u0001' not in properties['description']['pattern'] and '\\u0000-' in properties['description']['pattern']
    assert properties['caller_id']['allOf'][0]['pattern'] == properties['description']['pattern']


def test_a_path_variable_typed_by_two_rules_takes_either(spec: dict) -> None:
    (param,) = [p for p in spec['paths']['/users/{id}']['get']['parameters'] if p['in'] == 'path']

    assert {s.get('format', s['type']) for s in param['schema']['anyOf']} == {'uuid', 'integer'}


def test_views_are_any_of(spec: dict) -> None:
    items = spec['paths']['/users']['get']['responses']['200']['content']['application/json']['schema']['properties'][
        'items'
    ]['items']

    assert len(items['anyOf']) == 4


def test_every_authenticated_operation_names_its_acl_and_takes_the_tenant_header(spec: dict) -> None:
    for path, operations in spec['paths'].items():
        for method, operation in operations.items():
            if operation['security'] == []:
                continue
            headers = [p for p in operation['parameters'] if p['in'] == 'header']
            assert operation['x-required-acl'].startswith('confd.'), (method, path)
            assert [h['name'] for h in headers] == ['Wazo-Tenant'] and headers[0]['description'], (method, path)


def test_tags_name_the_resources_of_the_path(spec: dict) -> None:
    assert spec['paths']['/users']['get']['tags'] == ['users']
    assert spec['paths']['/users/{id}']['put']['tags'] == ['users']
    assert {'name': 'users'} in spec['tags']


def test_an_association_path_is_tagged_with_both_resources() -> None:
    assert path_tags('/users/{user_id}/lines/{line_id}', {'users', 'lines'}) == ['users', 'lines']
    assert path_tags('/contexts/{id}/ranges/user', {'contexts', 'users'}) == ['contexts']


def test_errors_share_one_schema_and_show_an_example(spec: dict) -> None:
    responses = spec['paths']['/users/{id}']['get']['responses']
    not_found = responses['404']['content']['application/json']

    assert spec['components']['schemas']['Error']['type'] == 'array'
    assert not_found['schema'] == {'$ref': '#/components/schemas/Error'}
    assert not_found['example'][0].startswith('Resource Not Found - ')
    assert responses['401']['content']['application/json']['example'] == [
        'Unauthorized: ACL confd.users.{id}.read is not granted'
    ]


def test_list_parameters_are_described(spec: dict) -> None:
    params = {p['name']: p for p in spec['paths']['/users']['get']['parameters']}

    assert all(params[name].get('description') for name in ('recurse', 'order', 'direction', 'limit', 'offset'))
    assert 'search' in params and params['limit']['schema']['minimum'] == 1


def test_crud_operations_have_a_summary(spec: dict) -> None:
    assert spec['paths']['/users']['get']['summary'] == 'List, search and page'
    assert spec['paths']['/users']['post']['summary'] == 'Create'
    assert spec['paths']['/users/{id}']['delete']['summary'] == 'Delete'


def test_the_overview_says_how_to_authenticate(spec: dict) -> None:
    assert 'X-Auth-Token' in spec['info']['description'] and 'Wazo-Tenant' in spec['info']['description']


def test_a_plain_string_shows_a_plain_example_not_one_drawn_from_its_pattern(spec: dict) -> None:
    properties = spec['components']['schemas']['User']['properties']

    assert properties['firstname']['example'] == 'string'
    assert 'example' not in properties['caller_id']  # its own pattern: any example must match it


class _Link(ConfdResource):
    acls = {'put': 'confd.things.link', 'delete': 'confd.things.unlink'}

    def put(self, thing_id: int, other_id: int) -> None: ...

    def delete(self, thing_id: int, other_id: int) -> None: ...


class _Others(ConfdResource):
    acls = {'post': 'confd.others.create'}
    docs = {'post': {'status': 201, 'response': {'description': 'Other created and linked'}}}

    def post(self, thing_id: int) -> None: ...


def test_links_are_tagged_and_summed_up_and_other_operations_by_their_answer() -> None:
    database = Database('sqlite://')
    app, api = create_app(DEFAULTS, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    api.add_resource(_Link, '/things/<int:thing_id>/others/<int:other_id>')
    api.add_resource(_Others, '/things/<int:thing_id>/others', '/others')
    with app.app_context():
        paths = build_spec(app)['paths']
    database.dispose()

    link = paths['/things/{thing_id}/others/{other_id}']
    assert (link['put']['summary'], link['delete']['summary']) == ('Associate', 'Dissociate')
    assert link['put']['tags'] == ['things', 'others']
    assert paths['/things/{thing_id}/others']['post']['summary'] == 'Other created and linked'
