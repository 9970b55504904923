"""Wire format of SCCP endpoints."""

from __future__ import annotations

from marshmallow import fields

from wazo_confd.kit.projections import LineIdRelation, one
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, OptionPairs


class EndpointSCCPSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    options = OptionPairs()
    links = ListLinks(Link('endpoint_sccp'))
    line = one(LineIdRelation)
