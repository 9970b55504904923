"""The PUT body of an outcall-extension link: how the dialled number is rewritten."""

from __future__ import annotations

from marshmallow import validate

from wazo_confd.kit.schema import BaseSchema, StrictInteger, StrictString

# Digits, `*` and `#`, after an optional `+`; or a lone `+`.
PREFIX = r'^\+|\+?[0-9#*]+$'


class OutcallExtensionSchema(BaseSchema):
    caller_id = StrictString(validate=validate.Length(max=80), allow_none=True)
    external_prefix = StrictString(validate=[validate.Length(max=64), validate.Regexp(PREFIX)], allow_none=True)
    prefix = StrictString(validate=[validate.Length(max=32), validate.Regexp(PREFIX)], allow_none=True)
    strip_digits = StrictInteger(validate=validate.Range(min=0))
