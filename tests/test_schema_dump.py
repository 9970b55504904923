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
    constant: fields.Constant[list[str]] = fields.Constant([])
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
        id=3,
        name='Émile',
        other='x',
        inner=SimpleNamespace(value='deep'),
        flag=1,
        when=datetime.datetime(2026, 1, 2, 3, 4, 5),
        defaulted=None,
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
        User(
            id=i,
            uuid=f'uuid-{i}',
            tenant_uuid='t',
            firstname=f'F{i}',
            lastname=None if i % 2 else 'L',
            created_at=datetime.datetime(2026, 1, 1),
            dnd_enabled=bool(i % 2),
            busy_enabled=True,
            enabled=True,
        )
        for i in range(1, 4)
    ]
    with app.test_request_context('/'):
        for schema_class in [UserSchema, *VIEWS.values()]:
            schema = schema_class()
            assert schema._serialize(users, many=True) == generic(schema, users, many=True), schema_class


def _full_user() -> User:
    """A user with a SIP line (options, two extensions) and a voicemail, as a page holds."""
    from sqlalchemy.orm.attributes import set_committed_value

    from wazo_confd.database.models import load_all

    load_all()
    from wazo_confd.plugins.endpoint_sip.model import EndpointSIP
    from wazo_confd.plugins.extension.model import Extension
    from wazo_confd.plugins.line.model import Line
    from wazo_confd.plugins.voicemail.model import Voicemail

    sip = EndpointSIP(
        uuid='sip-1', name='abc', label=None, auth_section_options=[['username', 'abc'], ['password', 'x']]
    )
    line = Line(id=7, name='abc', context='default', provisioning_code='123456')
    set_committed_value(line, 'endpoint_sip', sip)
    set_committed_value(line, 'endpoint_sccp', None)
    set_committed_value(line, 'endpoint_custom', None)
    set_committed_value(
        line,
        'extensions',
        [Extension(id=5, exten='1001', context='default'), Extension(id=9, exten='1002', context='x')],
    )
    user = User(
        id=2**31 - 1,
        uuid='u-1',
        tenant_uuid='t',
        firstname='Zoé',
        lastname='Ünal',
        email='z@example.com',
        ring_seconds=30,
        subscription_type=True,
        enabled=None,
        created_at=datetime.datetime(2026, 1, 1, 2, 3, 4, 5),
        dnd_enabled=True,
        busy_enabled=True,
        userfield=12,
        busy_destination='1234',
        caller_id='"Zoé"',
        call_record_outgoing_external_enabled=True,
        call_record_outgoing_internal_enabled=True,
        call_record_incoming_external_enabled=True,
        call_record_incoming_internal_enabled=True,
    )
    set_committed_value(user, 'lines', [line])
    set_committed_value(user, 'voicemail', Voicemail(id=3, name='vm', number='1001'))
    return user


def test_a_full_user_dumps_the_same_body_as_the_generic_path() -> None:
    import json

    from marshmallow import Schema as PlainSchema

    app = Flask('dump')
    for endpoint, rule in [
        ('users', '/1.1/users/<int:id>'),
        ('lines', '/1.1/lines/<int:id>'),
        ('extensions', '/1.1/extensions/<int:id>'),
        ('voicemails', '/1.1/voicemails/<int:id>'),
        ('endpoint_sip', '/1.1/endpoints/sip/<uuid>'),
    ]:
        app.add_url_rule(rule, endpoint, lambda **kwargs: '')
    users = [_full_user(), User(id=1, uuid='u-2', tenant_uuid='t', firstname='A')]
    with app.test_request_context('/'):
        for schema_class in [UserSchema, *VIEWS.values()]:
            schema = schema_class()
            fast = schema.dump(users, many=True)
            # The generic path all the way down: nested schemas included.
            original = BaseSchema._serialize
            BaseSchema._serialize = PlainSchema._serialize  # type: ignore[method-assign]
            try:
                slow = schema_class().dump(users, many=True)
            finally:
                BaseSchema._serialize = original  # type: ignore[method-assign]
            assert json.dumps(fast) == json.dumps(slow), schema_class
            if schema_class is UserSchema:
                assert fast[0]['lines'][0]['extensions'][1]['exten'] == '1002'
                assert fast[0]['voicemail']['links'][0]['href'] == 'http://localhost/1.1/voicemails/3'
                assert (fast[0]['userfield'], fast[0]['subscription_type']) == ('12', 1)
