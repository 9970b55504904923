"""A plugin contributes the field of a relation it owns to another resource's schema."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from marshmallow import fields

from wazo_confd.kit.contributions import Placeholder, contribute, contributions
from wazo_confd.kit.schema import BaseSchema, shared
from wazo_confd.plugin_api import Providers


def schemas() -> tuple[type[BaseSchema], type[BaseSchema]]:
    class Thing(BaseSchema):
        id = fields.Integer()
        group = Placeholder(None)
        groups = Placeholder([])

    class ThingPUT(Thing):
        pass

    return Thing, ThingPUT


def test_a_placeholder_shows_its_value_until_a_contribution() -> None:
    thing, _ = schemas()

    assert shared(thing).dump(SimpleNamespace(id=1, group='ignored')) == {'id': 1, 'group': None, 'groups': []}


def test_a_contributed_field_replaces_the_placeholder_in_the_shared_and_compiled_dump() -> None:
    thing, _ = schemas()
    before = shared(thing)
    before.dump(SimpleNamespace(id=1, group={'id': 5}))  # compiles the dump with the placeholder

    contribute(thing, 'group', fields.Raw(dump_only=True))

    after = shared(thing)
    assert after is not before
    assert after.dump(SimpleNamespace(id=1, group={'id': 5})) == {'id': 1, 'group': {'id': 5}, 'groups': []}
    assert shared(thing) is after


def test_subclasses_show_the_contribution_too() -> None:
    thing, put = schemas()

    contribute(thing, 'groups', fields.List(fields.Integer(), dump_only=True))

    assert put().dump(SimpleNamespace(id=1, groups=[3])) == {'id': 1, 'group': None, 'groups': [3]}


def test_get_says_how_the_value_is_read() -> None:
    thing, _ = schemas()

    contribute(thing, 'groups', fields.List(fields.Integer(), dump_only=True), get=lambda obj: obj.memberships)

    assert shared(thing).dump(SimpleNamespace(id=1, memberships=[7, 8])) == {'id': 1, 'group': None, 'groups': [7, 8]}


def test_a_real_field_cannot_be_replaced() -> None:
    thing, _ = schemas()

    with pytest.raises(ValueError, match='Thing.id is not a placeholder'):
        contribute(thing, 'id', fields.String())


def test_a_contribution_may_be_made_again_when_its_plugin_loads_again() -> None:
    thing, _ = schemas()
    contribute(thing, 'group', fields.Raw(dump_only=True))

    contribute(thing, 'group', fields.Constant('again', dump_only=True))

    assert thing().dump(SimpleNamespace(id=1))['group'] == 'again'


def test_a_contribution_waits_for_the_schema_of_a_plugin_loaded_later() -> None:
    thing, _ = schemas()
    registry = contributions(Providers())

    registry.contribute('things', 'group', fields.Raw(dump_only=True))
    assert thing().dump(SimpleNamespace(id=1, group=5))['group'] is None
    registry.offer('things', thing)

    assert thing().dump(SimpleNamespace(id=1, group=5))['group'] == 5


def test_a_contribution_to_an_offered_schema_applies_at_once() -> None:
    thing, _ = schemas()
    providers = Providers()
    contributions(providers).offer('things', thing)

    contributions(providers).contribute('things', 'groups', fields.Raw(dump_only=True))

    assert thing().dump(SimpleNamespace(id=1, groups=[2]))['groups'] == [2]


def test_a_relation_declared_empty_on_create_reaches_the_set_held_before_it() -> None:
    registry = contributions(Providers())
    held = registry.empty_on_create('things')  # by the resource's dao, when it is built

    registry.contribute('things', 'groups', fields.Raw(dump_only=True), empty_on_create=True)
    registry.contribute('things', 'group', fields.Raw(dump_only=True))

    assert held == {'groups'}


USER_RELATIONS = {
    'agent',
    'call_permissions',
    'call_pickup_target_users',
    'groups',
    'incalls',
    'queues',
    'schedules',
    'switchboards',
}


def test_the_users_plugin_offers_the_relations_of_other_plugins_to_contributions() -> None:
    from wazo_confd.auth.verifier import CachingVerifier
    from wazo_confd.bus.outbox import Outbox
    from wazo_confd.config import DEFAULTS
    from wazo_confd.database.uow import Database
    from wazo_confd.http.app import HttpDependencies, create_app
    from wazo_confd.kit.dumping import forget
    from wazo_confd.plugin_api import PluginDependencies
    from wazo_confd.plugins.user.plugin import Plugin
    from wazo_confd.plugins.user.schema import UserCreateSchema, UserSchema

    placeholders = {name for name, field in UserSchema._declared_fields.items() if isinstance(field, Placeholder)}
    assert placeholders == USER_RELATIONS
    saved = {cls: cls._declared_fields for cls in (UserSchema, UserCreateSchema)}
    database = Database('sqlite://')
    _app, api = create_app(DEFAULTS, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    providers = Providers()
    try:
        Plugin().load(PluginDependencies(api, database, Outbox(database, lambda: None), DEFAULTS, providers))
        permissions = fields.List(fields.String(), dump_only=True)
        contributions(providers).contribute('users', 'call_permissions', permissions, get=lambda user: ['night'])

        for schema in (UserSchema, UserCreateSchema):
            assert schema._declared_fields['call_permissions'] is permissions
            assert isinstance(schema._declared_fields['groups'], Placeholder)
        assert shared(UserSchema).fields['call_permissions'].serialize('call_permissions', object()) == ['night']
    finally:
        for cls, declared in saved.items():
            cls._declared_fields = declared
            forget(cls)
        database.dispose()
