"""Links built from a per-request template are the URLs the route map builds."""

from __future__ import annotations

from flask import Flask, url_for
from marshmallow import fields

from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, shared


class ThingSchema(BaseSchema):
    id = fields.Integer()
    links = ListLinks(Link('things'))


def make_app() -> Flask:
    app = Flask('links')

    def view(id: object) -> str:
        return ''

    app.add_url_rule('/1.1/things/<int:id>', 'things', view)
    app.add_url_rule('/1.1/things/<uuid:id>', 'things', view)
    return app


def test_links_of_many_items_match_url_for() -> None:
    with make_app().test_request_context('/', base_url='https://confd.example.com:9486'):
        dumped = ThingSchema().dump([{'id': 1}, {'id': 42}, {'id': 123456}], many=True)
        expected = [url_for('things', _external=True, id=i) for i in (1, 42, 123456)]

    assert [d['links'][0]['href'] for d in dumped] == expected


def test_shared_returns_one_instance_per_class_and_thread() -> None:
    assert shared(ThingSchema) is shared(ThingSchema)


class NamedSchema(BaseSchema):
    name = fields.String()
    links = ListLinks(Link('named', field='name', target='name'))


def test_links_by_uuid_and_by_name_match_url_for() -> None:
    app = make_app()
    app.add_url_rule('/1.1/named/<name>', 'named', lambda name: '')
    keys = [
        '5f0c6f0e-2a8b-4f7e-9d61-0c2b8f1e3a4d',
        '00000000-0000-4000-8000-000000000000',  # the template's own stand-in
        'transport-udp',
        'a name/with spaces?',  # reserved characters: quoted by the route map
    ]
    with app.test_request_context('/', base_url='https://confd.example.com:9486'):
        dumped = NamedSchema().dump([{'name': key} for key in keys], many=True)
        expected = [url_for('named', _external=True, name=key) for key in keys]

    assert [d['links'][0]['href'] for d in dumped] == expected
    assert expected[3].endswith('/named/a%20name/with%20spaces%3F')


class UuidThingSchema(BaseSchema):
    id = fields.String()
    links = ListLinks(Link('uuid_things'))


def test_uuid_links_match_url_for_on_a_uuid_route() -> None:
    key = '5f0c6f0e-2a8b-4f7e-9d61-0c2b8f1e3a4d'
    app = make_app()
    app.add_url_rule('/1.1/uuid_things/<uuid:id>', 'uuid_things', lambda id: '')
    with app.test_request_context('/', base_url='https://confd.example.com:9486'):
        dumped = UuidThingSchema().dump([{'id': key}], many=True)
        expected = [url_for('uuid_things', _external=True, id=key)]

    assert [d['links'][0]['href'] for d in dumped] == expected
