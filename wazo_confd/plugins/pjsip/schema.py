"""Wire format of SIP transports and of the documentation of the PJSIP options."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.schema import BaseSchema, OptionPairs, StrictString

RESERVED_NAMES = ('global', 'system')

NAME = [
    validate.Length(max=79),
    validate.Regexp(r'^[-_.a-zA-Z0-9]+$'),
    validate.NoneOf(RESERVED_NAMES, error='{input} is a reserved name.'),
]


class TransportSchema(BaseSchema):
    uuid = fields.String(dump_only=True)
    name = StrictString(required=True, validate=NAME)
    options = OptionPairs(max_items=128)


class TransportDeleteQuerySchema(BaseSchema):
    fallback = fields.UUID(load_default=None, allow_none=True)
