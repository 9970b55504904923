"""Wire format of trunks, and the projections other resources show of a trunk."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import EndpointCustomRelation, TrunkEndpointSIPRelation, one
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictString, relation

TrunkEndpointIAXRelation = relation('endpoint_iax', 'id', 'name')
TrunkRegisterIAXRelation = relation('register_iax', 'id')
# What an endpoint or a registration shows of the trunk using it.
TrunkIdRelation = relation('trunks', 'id')


class TrunkSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    # No length check, as upstream: a name no context has is 'Context was not found'.
    context = StrictString(allow_none=True)
    twilio_incoming = StrictBoolean(allow_none=True)
    outgoing_caller_id_format = StrictString(validate=validate.OneOf(['+E164', 'E164', 'national']))
    links = ListLinks(Link('trunks'))
    endpoint_sip = one(TrunkEndpointSIPRelation)
    endpoint_custom = one(EndpointCustomRelation)
    endpoint_iax = one(TrunkEndpointIAXRelation)
    # The outcalls plugin contributes the outcalls a trunk serves.
    outcalls = Placeholder([])
    register_iax = one(TrunkRegisterIAXRelation)

    @post_load
    def null_twilio_incoming_is_false(self, data: dict, **kwargs: Any) -> dict:
        """Upstream's column takes no null: a null given on POST or PUT is stored false."""
        if 'twilio_incoming' in data and data['twilio_incoming'] is None:
            data['twilio_incoming'] = False
        return data
