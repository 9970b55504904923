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
