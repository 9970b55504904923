"""Wire format of custom endpoints."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import LineIdRelation, one
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictString


class EndpointCustomSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    interface = StrictString(required=True, validate=validate.Regexp(r'^[a-zA-Z0-9#*./_@:-]{1,128}$'))
    interface_suffix = StrictString(validate=validate.Length(max=32), allow_none=True)
    enabled = StrictBoolean()
    links = ListLinks(Link('endpoint_custom'))
    trunk = Placeholder(None)
    line = one(LineIdRelation)
