"""Wire format of IAX registrations: the parts of Asterisk's `register =>` line."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString

# Asterisk reads the line `user[:secret]@host[:port][/extension[?context]]` into a
# buffer of this size.
MAX_LINE = 255


def register_line(data: dict) -> str:
    """The `register =>` value upstream stores for these fields (to check its length)."""
    username, password = data.get('auth_username') or '', data.get('auth_password') or ''
    line = f'{username}:{password}@' if password else (f'{username}@' if username else '')
    line += data.get('remote_host') or ''
    if data.get('remote_port'):
        line += f':{data["remote_port"]}'
    if data.get('callback_extension'):
        line += f'/{data["callback_extension"]}'
    if data.get('callback_context'):
        line += f'?{data["callback_context"]}'
    return line


OPTIONAL_PARTS = ('auth_username', 'auth_password', 'remote_port', 'callback_extension', 'callback_context')


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

    # As upstream: a username needs a password (not the other way round), and each error
    # names the field it refuses.
    @validates_schema
    def username_needs_password(self, data: dict, **kwargs: Any) -> None:
        if data.get('auth_username') and not data.get('auth_password'):
            raise ValidationError(
                'Cannot set field "auth_username" if the field "auth_password" is not set', field_name='auth_username'
            )

    @validates_schema
    def context_needs_extension(self, data: dict, **kwargs: Any) -> None:
        if data.get('callback_context') and not data.get('callback_extension'):
            raise ValidationError(
                'Cannot set field "callback_context" if the field "callback_extension" is not set',
                field_name='callback_context',
            )

    @post_load
    def drop_empty_parts(self, data: dict, **kwargs: Any) -> dict:
        """As upstream, which stores the line: a part that adds nothing to it (an empty
        text, port 0) reads back as null."""
        for name in OPTIONAL_PARTS:
            if name in data and not data[name]:
                data[name] = None
        return data

    @validates_schema
    def fits_asterisk(self, data: dict, **kwargs: Any) -> None:
        if len(register_line(data)) > MAX_LINE:
            raise ValidationError(f'The sum of all fields is longer than maximum length {MAX_LINE}')
