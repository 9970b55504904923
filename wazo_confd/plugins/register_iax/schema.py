"""Wire format of IAX registrations: the parts of Asterisk's `register =>` line."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString

# Asterisk reads the line `user[:secret]@host[:port][/extension[?context]]` into a
# buffer of this size.
MAX_LINE = 255


def register_line(data: dict) -> str:
    """The `register =>` value the fields make (to check its length)."""
    line = data.get('remote_host') or ''
    if data.get('auth_username'):
        secret = f':{data["auth_password"]}' if data.get('auth_password') else ''
        line = f'{data["auth_username"]}{secret}@{line}'
    if data.get('remote_port') is not None:
        line += f':{data["remote_port"]}'
    if data.get('callback_extension'):
        line += f'/{data["callback_extension"]}'
        if data.get('callback_context'):
            line += f'?{data["callback_context"]}'
    return line


class RegisterIAXSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    auth_username = StrictString(validate=validate.Regexp(r'^[^:/ ]*$'), allow_none=True)
    auth_password = StrictString(validate=validate.Regexp(r'^[^:/ ]*$'), allow_none=True)
    remote_host = StrictString(validate=validate.Regexp(r'^[^:/? ]*$'), required=True)
    remote_port = StrictInteger(validate=validate.Range(min=0, max=65535), allow_none=True)
    callback_extension = StrictString(validate=validate.Regexp(r'^[^? ]*$'), allow_none=True)
    callback_context = StrictString(allow_none=True)
    enabled = StrictBoolean(load_default=True)
    links = ListLinks(Link('register_iax'))
    # The trunks plugin contributes the trunk using the registration.
    trunk = Placeholder(None)

    @validates_schema
    def password_needs_username(self, data: dict, **kwargs: Any) -> None:
        if data.get('auth_password') and not data.get('auth_username'):
            raise ValidationError('Cannot set field "auth_password" if the field "auth_username" is not set')

    @validates_schema
    def context_needs_extension(self, data: dict, **kwargs: Any) -> None:
        if data.get('callback_context') and not data.get('callback_extension'):
            raise ValidationError('Cannot set field "callback_context" if the field "callback_extension" is not set')

    @validates_schema
    def fits_asterisk(self, data: dict, **kwargs: Any) -> None:
        if len(register_line(data)) > MAX_LINE:
            raise ValidationError(f'The sum of all fields is longer than maximum length {MAX_LINE}')
