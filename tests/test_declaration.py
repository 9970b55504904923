"""What the kit builds from a `Resource` declaration: routes, ACLs, dao, notifier, validators,
service, providers and the OpenAPI entries (a real Flask app on SQLite, no daemon)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from marshmallow import fields

from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.config import DEFAULTS
from wazo_confd.database.base import Base
from wazo_confd.database.search import SearchConfig
from wazo_confd.database.uow import Database
from wazo_confd.errors import ResourceError
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.master_tenant import is_master_tenant_only
from wazo_confd.http.openapi import build_spec
from wazo_confd.kit.builder import Built, DeclaredPlugin, build, notifier_class
from wazo_confd.kit.contributions import Placeholder, contributions
from wazo_confd.kit.declaration import Events, IdKind, Resource
from wazo_confd.kit.reloads import Reload, changed
from wazo_confd.kit.schema import BaseSchema
from wazo_confd.kit.validator import NotReferred, UniqueField
from wazo_confd.plugin_api import PluginDependencies, Provided, Providers
from wazo_confd.plugins.context.model import Context
from wazo_confd.plugins.context.schema import ContextSchema
from wazo_confd.plugins.registrar.model import Registrar
from wazo_confd.plugins.registrar.schema import RegistrarSchema
from wazo_confd.tenancy import Tenant

from .fakes import Outbox

THING_KEY = Provided[Any]('thing_service')

THINGS = Resource(
    model=Context,
    schema=ContextSchema,
    url='/things',
    endpoints=('thinglist', 'things'),
    acl='confd.things',
    label='Thing',
    name='Thing',
    search=SearchConfig(columns={'id': Context.id}, search=[], default_sort='id'),
    events=Events('thing', 'config.things', payload=('id', 'label')),
    reloads=(Reload('dialplan reload', on='created'), Reload('module reload x', on='edited', when=changed('label'))),
    unique=('label',),
    referred_by='name',
    provides=THING_KEY,
    example={'label': 'Office'},
    update_example={'label': 'Renamed'},
    example_refs={'label': ('/other', 'name')},
)


@pytest.fixture
def app(tmp_path: Any) -> Iterator[tuple[Flask, PluginDependencies]]:
    database = Database(f'sqlite:///{tmp_path / "kit.sqlite"}')
    Base.metadata.create_all(database.engine)
    flask_app, api = create_app(DEFAULTS, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    yield flask_app, PluginDependencies(api, database, Outbox(), DEFAULTS, Providers())  # type: ignore[arg-type]
    database.dispose()


def built(app: tuple[Flask, PluginDependencies], declaration: Resource = THINGS) -> Built:
    return build(declaration, app[1])


def rules(flask_app: Flask) -> dict[str, tuple[str, set[str]]]:
    return {rule.endpoint: (rule.rule, set(rule.methods or ())) for rule in flask_app.url_map.iter_rules()}


def test_list_and_item_routes_take_the_declared_endpoints_and_id_kind(app: tuple[Flask, PluginDependencies]) -> None:
    built(app)

    found = rules(app[0])
    assert found['thinglist'] == ('/1.1/things', {'GET', 'HEAD', 'POST', 'OPTIONS'})
    assert found['things'] == ('/1.1/things/<int:id>', {'GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'})


@pytest.mark.parametrize(
    'kind, expected',
    [
        ('int', ['/things/<int:id>']),
        ('uuid', ['/things/<uuid:id>']),
        ('string', ['/things/<id>']),
        ('uuid-or-int', ['/things/<int:id>', '/things/<uuid:id>']),
    ],
)
def test_each_id_kind_has_its_item_rules(kind: IdKind, expected: list) -> None:
    assert replace(THINGS, id=kind).item_rules() == expected


def test_acls_follow_the_prefix_and_the_path_variable(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app, replace(THINGS, id_var='thing_id', head=True))

    assert made.list_resource.acls == {'get': 'confd.things.read', 'post': 'confd.things.create'}
    assert made.item_resource.acls == {
        'get': 'confd.things.{thing_id}.read',
        'head': 'confd.things.{thing_id}.read',
        'put': 'confd.things.{thing_id}.update',
        'delete': 'confd.things.{thing_id}.delete',
    }


def test_a_single_acl_can_be_overridden() -> None:
    declaration = replace(THINGS, acls={'read': 'confd.things.{id}.get'})

    assert declaration.acl_of('read') == 'confd.things.{id}.get'
    assert declaration.acl_of('update') == 'confd.things.{id}.update'


def test_the_acl_prefix_comes_from_the_url_unless_declared() -> None:
    derived = replace(THINGS, url='/things/sub-things', acl=None, id_var='thing_id')

    assert [derived.acl_of(op) for op in ('list', 'create', 'read', 'update', 'delete')] == [
        'confd.things.sub-things.read',
        'confd.things.sub-things.create',
        'confd.things.sub-things.{thing_id}.read',
        'confd.things.sub-things.{thing_id}.update',
        'confd.things.sub-things.{thing_id}.delete',
    ]
    assert replace(derived, acl='confd.other').acl_of('list') == 'confd.other.read'


def test_operations_left_out_have_no_method(app: tuple[Flask, PluginDependencies]) -> None:
    built(app, replace(THINGS, operations=('list', 'read')))

    found = rules(app[0])
    assert found['thinglist'][1] == {'GET', 'HEAD', 'OPTIONS'}
    assert found['things'][1] == {'GET', 'HEAD', 'OPTIONS'}


def test_resource_classes_are_named_after_the_label_in_the_schemas_plugin(
    app: tuple[Flask, PluginDependencies],
) -> None:
    made = built(app)

    assert (made.list_resource.__name__, made.item_resource.__name__) == ('ThingList', 'ThingItem')
    assert made.list_resource.__module__ == ContextSchema.__module__


def test_master_scope_reserves_every_operation_and_makes_global_rows(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app, replace(THINGS, scope='master'))

    assert made.list_resource.master_tenant_only and made.item_resource.master_tenant_only
    assert made.dao.tenant_scoped is False


def test_master_only_reserves_single_operations_without_marking_the_base(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app, replace(THINGS, master_only=('create', 'delete')))

    assert is_master_tenant_only(made.list_resource, made.list_resource.post)
    assert not is_master_tenant_only(made.list_resource, made.list_resource.get)
    assert is_master_tenant_only(made.item_resource, made.item_resource.delete)
    assert not is_master_tenant_only(made.item_resource, made.item_resource.put)
    base: Any = made.list_resource.__mro__[1]  # the generic list resource
    assert not hasattr(base.post, 'master_tenant_only')


def test_the_dao_knows_the_model_name_scope_and_search(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app)

    assert (made.dao.model, made.dao.resource_name, made.dao.tenant_scoped) == (Context, 'Thing', True)
    assert made.dao.search_config is THINGS.search


def test_a_concurrent_insert_names_the_first_unique_key(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app, replace(THINGS, unique=(('label', 'type'),)))

    assert made.dao.conflict_metadata(SimpleNamespace(label='a', type='internal')) == {'label': 'a', 'type': 'internal'}


def test_unique_fields_are_checked_first_on_create_and_edit(app: tuple[Flask, PluginDependencies]) -> None:
    other = UniqueField('name', lambda **kw: None, 'Thing')
    made = built(app, replace(THINGS, validators=lambda dao, providers: _group(create=[other])))

    first, second = made.service.validator.create
    assert isinstance(first, UniqueField) and first.fields == ('label',) and second is other
    assert isinstance(made.service.validator.edit[0], UniqueField)


def _group(**kwargs: Any) -> Any:
    from wazo_confd.kit.validator import ValidationGroup

    return ValidationGroup(**kwargs)


def test_a_referred_resource_refuses_deletion_while_a_foreign_key_holds_it(
    app: tuple[Flask, PluginDependencies],
) -> None:
    made = built(app)
    [rule] = made.service.validator.delete
    assert isinstance(rule, NotReferred)
    with app[1].database.unit_of_work():
        app[1].database.session().add(Tenant(uuid='t', name='t'))
        app[1].database.session().flush()
        app[1].database.session().execute(
            Base.metadata.tables['context']
            .insert()
            .values(id=1, uuid='u', name='ctx', label='l', tenant_uuid='t', type='internal')
        )
        app[1].database.session().execute(
            Base.metadata.tables['extension'].insert().values(id=7, tenant_uuid='t', exten='1', context='ctx')
        )
        with pytest.raises(ResourceError) as error:
            rule.validate(SimpleNamespace(id=1, name='ctx'))
        rule.validate(SimpleNamespace(id=2, name='free'))

    assert (
        error.value.message
        == "Resource Error - Thing is associated with a Extension ('thing_id': 1, 'extension_id': 7)"
    )


def test_the_service_carries_schema_model_and_providers(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app)

    assert (made.service.schema, made.service.model) == (ContextSchema, Context)
    assert made.service.providers is app[1].providers


def test_declared_providers_are_registered(app: tuple[Flask, PluginDependencies]) -> None:
    made = built(app)
    providers = app[1].providers

    assert providers.get(THING_KEY) is made.service


def test_events_take_the_declared_names_routing_keys_and_payload() -> None:
    outbox = Outbox()
    notifier = notifier_class(THINGS)(outbox)  # type: ignore[arg-type]

    notifier.created(SimpleNamespace(id=3, label='Office', tenant_uuid='t'))

    [event] = outbox.events
    assert (event.name, event.routing_key, event.data, event.tenant_uuid) == (
        'thing_created',
        'config.things.created',
        {'id': 3, 'label': 'Office'},
        't',
    )


def test_a_payload_function_and_a_family_are_used() -> None:
    outbox = Outbox()
    events = Events('thing', 'config.thing', payload=lambda obj: {'all': obj.id}, family='service')

    notifier_class(replace(THINGS, events=events))(outbox).deleted(SimpleNamespace(id=4))  # type: ignore[arg-type]

    assert (outbox.events[0].data, outbox.events[0].family, outbox.events[0].tenant_uuid) == (
        {'all': 4},
        'service',
        None,
    )


def test_reload_rules_apply_per_action_and_condition() -> None:
    outbox = Outbox()
    notifier = notifier_class(THINGS)(outbox)  # type: ignore[arg-type]
    thing = SimpleNamespace(id=3, label='Office', tenant_uuid='t')

    notifier.created(thing)
    notifier.edited(thing, frozenset({'type'}))
    notifier.edited(thing, frozenset({'label'}))
    notifier.deleted(thing)

    assert outbox.reloads == [{'ipbx': ['dialplan reload']}, {'ipbx': ['module reload x']}]


def test_a_resource_without_events_still_queues_its_reloads() -> None:
    outbox = Outbox()

    notifier_class(replace(THINGS, events=None))(outbox).created(SimpleNamespace(id=1))  # type: ignore[arg-type]

    assert outbox.events == [] and outbox.reloads == [{'ipbx': ['dialplan reload']}]


def test_an_edit_hands_the_changed_fields_to_the_notifier(app: tuple[Flask, PluginDependencies]) -> None:
    registrars = replace(
        THINGS,
        model=Registrar,
        schema=RegistrarSchema,
        scope='master',
        id='string',
        unique=(),
        referred_by=None,
        search=SearchConfig(columns={'id': Registrar.id}, search=[], default_sort='id'),
        reloads=(Reload('module reload x', on='edited', when=changed('main_host')),),
        events=Events('registrar', 'config.registrar'),
    )
    made = built(app, registrars)
    database = app[1].database
    with database.unit_of_work():
        made.service.create(Registrar(id='r', main_host='a', proxy_main_host='p'))
    outbox: Outbox = app[1].outbox  # type: ignore[assignment]

    for host in ('a', 'b'):
        with database.unit_of_work():
            registrar = made.service.get('r', None)
            registrar.main_host = host
            made.service.edit(registrar)

    assert outbox.reloads == [{'ipbx': ['module reload x']}]


def test_the_document_shows_the_examples_and_their_references(app: tuple[Flask, PluginDependencies]) -> None:
    built(app)
    with app[0].app_context():
        paths = build_spec(app[0])['paths']

    post = paths['/things']['post']['requestBody']['content']['application/json']
    put = paths['/things/{id}']['put']['requestBody']['content']['application/json']
    assert post['example'] == {'label': 'Office'}
    assert post['x-example-refs'] == {'label': {'collection': '/other', 'key': 'name'}}
    assert put['example'] == {'label': 'Renamed'}
    assert paths['/things/{id}']['get']['x-required-acl'] == 'confd.things.{id}.read'


def test_a_declared_plugin_builds_each_resource_and_calls_its_hook(app: tuple[Flask, PluginDependencies]) -> None:
    seen = []

    class Plugin(DeclaredPlugin):
        resources = (THINGS, replace(THINGS, url='/others', endpoints=('otherlist', 'others'), provides=None))

        def loaded(self, made: Built, deps: PluginDependencies) -> None:
            seen.append(made.declaration.url)

    Plugin().load(app[1])

    assert seen == ['/things', '/others'] and {'thinglist', 'otherlist'} <= set(rules(app[0]))


def test_a_declared_resource_offers_its_schemas_to_contributions(app: tuple[Flask, PluginDependencies]) -> None:
    class ThingSchema(BaseSchema):
        id = fields.Integer()
        group = Placeholder(None)

    contributions(app[1].providers).contribute('things', 'group', fields.Raw(dump_only=True))

    built(app, replace(THINGS, schema=ThingSchema))

    assert ThingSchema().dump(SimpleNamespace(id=1, group=3)) == {'id': 1, 'group': 3}
