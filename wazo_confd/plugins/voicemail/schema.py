"""Wire format of voicemails."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString


class VoicemailUserSchema(BaseSchema):
    uuid = fields.String()
    firstname = fields.String()
    lastname = fields.String()
    links = ListLinks(Link('users'))


class VoicemailSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = StrictString(required=True, validate=validate.Length(max=80))
    number = StrictString(required=True, validate=validate.Regexp(r'^[0-9]{1,40}$'))
    context = StrictString(required=True)
    password = StrictString(allow_none=True, validate=validate.Regexp(r'^[0-9]{1,80}$'))
    email = StrictString(allow_none=True, validate=validate.Length(max=80))
    language = StrictString(allow_none=True, validate=validate.Regexp(r'^[a-z]{2}_[A-Z]{2}$'))
    timezone = StrictString(allow_none=True)
    pager = StrictString(allow_none=True, validate=validate.Length(max=80))
    max_messages = StrictInteger(allow_none=True, validate=validate.Range(min=0))
    attach_audio = StrictBoolean(allow_none=True)
    delete_messages = StrictBoolean()
    ask_password = StrictBoolean()
    enabled = StrictBoolean()
    options = fields.List(fields.List(StrictString(), validate=validate.Length(equal=2)))
    links = ListLinks(Link('voicemails'))
    accesstype = StrictString(
        load_default='personal', dump_default='personal', validate=validate.OneOf(['personal', 'global'])
    )
    users = fields.Nested(VoicemailUserSchema, many=True, dump_only=True)

    @validates_schema
    def prevent_delete_messages_without_email_and_attach_audio(self, data: dict, **kwargs: Any) -> None:
        # Deleting messages is only safe once they are mailed with their audio. Upstream's
        # words, as errors of the whole body (`_schema`), the email checked first.
        if not data.get('delete_messages'):
            return
        if not data.get('email'):
            raise ValidationError('email must be provided if delete_messages is set')
        if not data.get('attach_audio'):
            raise ValidationError('attach_audio must be set if delete_messages is set')
