"""Wire format of lines, with their endpoint, users and extensions projected read-only."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from wazo_confd.kit.projections import (
    EndpointCustomRelation,
    EndpointSCCPRelation,
    EndpointSIPRelation,
    ExtensionRelation,
    UserRelation,
    many,
    one,
)
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictInteger, StrictString


def digits(value: str) -> None:
    if not value.isdigit():
        raise ValidationError('String does not contain only digits.')


class LineSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    protocol = fields.String(dump_only=True)
    device_id = fields.String(dump_only=True)
    device_slot = fields.Integer(dump_only=True)
    provisioning_extension = fields.String(dump_only=True)
    context = StrictString(required=True, validate=validate.Length(min=1, max=79))
    provisioning_code = StrictString(validate=[validate.Length(equal=6), digits])
    position = StrictInteger(validate=validate.Range(min=1))
    caller_id_name = StrictString(allow_none=True, validate=validate.Length(max=160))
    caller_id_num = StrictString(allow_none=True, validate=[validate.Length(max=80), digits])
    registrar = StrictString(validate=validate.Length(max=128))
    links = ListLinks(Link('lines'))
    application = fields.Constant(None, dump_only=True)
    endpoint_sip = one(EndpointSIPRelation)
    endpoint_sccp = one(EndpointSCCPRelation)
    endpoint_custom = one(EndpointCustomRelation)
    extensions = many(ExtensionRelation)
    users = many(UserRelation)
    is_webrtc = fields.Boolean(dump_only=True)


def event_payload(line: Any) -> dict:
    """What the line_* events carry (the contract's `confd_payload.only`)."""
    return {'id': line.id, 'protocol': line.protocol, 'name': line.name, 'tenant_uuid': line.tenant_uuid}
