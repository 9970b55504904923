"""Wire format of extensions."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import many
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictString, relation


class ExtensionSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    exten = StrictString(required=True, validate=validate.Length(max=40))
    context = StrictString(required=True)
    commented = StrictBoolean()
    enabled = StrictBoolean()
    links = ListLinks(Link('extensions'))
    # Objects reached through the extension: their association plugins contribute them
    # (kit/contributions.py); until then, null.
    conference = Placeholder(None)
    parking_lot = Placeholder(None)
    group = Placeholder(None)
    incall = Placeholder(None)
    lines = many(relation('lines', 'id', 'name'))
    outcall = Placeholder(None)
    queue = Placeholder(None)
