"""Wire format of SIP endpoints and templates: option sections as `[key, value]` pairs."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_dump, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import LineIdRelation, one, trunk_of
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, OptionPairs, StrictString

from .model import SECTIONS

RESERVED_NAMES = ('global', 'system')


def _section_name(value: str) -> None:
    if value in RESERVED_NAMES:
        raise ValidationError(f'{value} is a reserved name.')


NAME = [validate.Length(max=79), validate.Regexp(r'^[-_.a-zA-Z0-9]+$'), _section_name]


class EndpointSIPRelationSchema(BaseSchema):
    uuid = fields.UUID(required=True)
    label = fields.String(dump_only=True)


class TransportRelationSchema(BaseSchema):
    uuid = fields.UUID(required=True)


class BaseSIPSchema(BaseSchema):
    uuid = fields.String(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = StrictString(validate=NAME)
    label = StrictString(validate=validate.Length(max=128), allow_none=True)
    aor_section_options = OptionPairs()
    auth_section_options = OptionPairs()
    endpoint_section_options = OptionPairs()
    identify_section_options = OptionPairs()
    registration_section_options = OptionPairs()
    registration_outbound_auth_section_options = OptionPairs()
    outbound_auth_section_options = OptionPairs()
    templates = fields.List(fields.Nested(EndpointSIPRelationSchema), load_default=list)
    transport = fields.Nested(TransportRelationSchema, allow_none=True)
    asterisk_id = StrictString(validate=validate.Length(max=1024), allow_none=True)


class EndpointSIPSchema(BaseSIPSchema):
    links = ListLinks(Link('endpoint_sip', field='uuid', target='uuid'))
    trunk = Placeholder(None)
    line = one(LineIdRelation)


class MergedEndpointSIPSchema(EndpointSIPSchema):
    """`view=merged`: each section with what the templates give, a key's last value winning."""

    @post_dump(pass_original=True)
    def merge_options(self, data: dict, original: Any, **kwargs: Any) -> dict:
        for section in SECTIONS:
            merged: dict[str, str] = {}
            for key, value in original.combined(section):
                merged[key] = value
            data[f'{section}_section_options'] = [[key, value] for key, value in merged.items()]
        return data


class TemplateSIPSchema(BaseSIPSchema):
    links = ListLinks(Link('endpoint_sip_templates', field='uuid', target='uuid'))


class EventSIPSchema(BaseSchema):
    """What the sip_endpoint_* events carry (the contract's `confd_payload.only`)."""

    uuid = fields.String()
    tenant_uuid = fields.String()
    name = fields.String()
    label = fields.String(allow_none=True)
    auth_section_options = OptionPairs(only={'username'})
    registration_section_options = OptionPairs(only={'client_uri'})
    trunk = fields.Function(trunk_of)
    line = fields.Method('_line')

    def _line(self, endpoint: Any) -> dict | None:
        return {'id': endpoint.line.id} if endpoint.line is not None else None
