"""BaseSchema's direct attribute reads dump exactly what marshmallow's generic path dumps."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from flask import Flask
from marshmallow import Schema, fields, post_dump

from wazo_confd.kit.schema import BaseSchema
from wazo_confd.plugins.user.model import User
from wazo_confd.plugins.user.schema import VIEWS, UserSchema


class Sample(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    renamed = fields.String(attribute='other', data_key='shown')
    nested = fields.String(attribute='inner.value')
    flag = fields.Boolean()
    when = fields.DateTime()
    absent = fields.String()
    defaulted = fields.String(dump_default='fallback')
    constant = fields.Constant([])
    method = fields.Method('_method')

    def _method(self, obj: object) -> str:
        return 'computed'

    @post_dump
    def mark(self, data: dict, **kwargs: object) -> dict:
        data['post_dumped'] = True
        return data


def generic(schema: Schema, obj: object, many: bool = False) -> object:
    """marshmallow's own dump of the same fields."""
    if many:
        return [Schema._serialize(schema, item) for item in obj]  # type: ignore[attr-defined]
    return Schema._serialize(schema, obj)


def sample() -> SimpleNamespace:
    return SimpleNamespace(
        id=3, name='Émile', other='x', inner=SimpleNamespace(value='deep'), flag=1,
        when=datetime.datetime(2026, 1, 2, 3, 4, 5), defaulted=None,
    )


def test_plain_attributes_are_read_directly_with_the_same_result() -> None:
    schema = Sample()

    assert schema._serialize(sample()) == generic(schema, sample())


def test_hooks_still_run() -> None:
    assert Sample().dump(sample())['post_dumped'] is True


def test_mappings_take_the_generic_path() -> None:
    data = {'id': 1, 'name': 'a', 'other': 'b', 'inner': {'value': 'c'}}

    assert Sample()._serialize(data) == generic(Sample(), data)


def test_a_page_of_users_dumps_as_before() -> None:
    app = Flask('dump')
    app.add_url_rule('/1.1/users/<int:id>', 'users', lambda id: '')
    users = [
        User(id=i, uuid=f'uuid-{i}', tenant_uuid='t', firstname=f'F{i}', lastname=None if i % 2 else 'L',
             created_at=datetime.datetime(2026, 1, 1), dnd_enabled=bool(i % 2), busy_enabled=True, enabled=True)
        for i in range(1, 4)
    ]
    with app.test_request_context('/'):
        for schema_class in [UserSchema, *VIEWS.values()]:
            schema = schema_class()
            assert schema._serialize(users, many=True) == generic(schema, users, many=True), schema_class
