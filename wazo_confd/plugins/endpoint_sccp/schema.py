"""Wire format of SCCP endpoints."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_dump

from wazo_confd.kit.projections import LineIdRelation, one
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, OptionPairs


class EndpointSCCPSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    options = OptionPairs()
    links = ListLinks(Link('endpoint_sccp'))
    line = one(LineIdRelation)

    @post_dump
    def _hide_empty_caller_id(self, data: dict, **kwargs: Any) -> dict:
        # As upstream, an empty cid_name or cid_num is no option.
        if 'options' in data:
            data['options'] = [
                option for option in data['options'] if not (option[0] in ('cid_name', 'cid_num') and option[1] == '')
            ]
        return data
