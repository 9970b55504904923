"""Wire format of IAX endpoints."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, OptionPairs, StrictString


class EndpointIAXSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = StrictString(validate=validate.Regexp(r'^[a-zA-Z0-9_-]{1,40}$'))
    type = StrictString(validate=validate.OneOf(['friend', 'peer', 'user']))
    host = StrictString(validate=validate.Length(max=255))
    options = OptionPairs()
    links = ListLinks(Link('endpoint_iax'))
    # The trunks plugin contributes the trunk using the endpoint.
    trunk = Placeholder(None)
