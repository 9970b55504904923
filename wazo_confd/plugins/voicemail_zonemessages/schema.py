"""Wire format of /asterisk/voicemail/zonemessages: `{"items": [{name, timezone, message}]}`."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.schema import BaseSchema, StrictString


class VoicemailZoneMessageSchema(BaseSchema):
    name = StrictString(required=True, validate=validate.Length(min=1, max=128))
    timezone = StrictString(required=True, validate=validate.Length(min=1))
    message = StrictString(allow_none=True, load_default=None)


class VoicemailZoneMessagesSchema(BaseSchema):
    items = fields.List(fields.Nested(VoicemailZoneMessageSchema), required=True)
