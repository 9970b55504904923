"""Wire format of call permissions."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import UserRelation, many
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictString

# A dialplan pattern: digits and pattern characters, each part optionally ending with `.`/`!`.
EXTENSION_PATTERN = r'^(?:_?\+?[0-9NXZ\*#\-\[\]]+[\.\!]?){1,40}$'


class CallPermissionSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = StrictString(required=True, validate=validate.Length(min=1, max=128))
    password = StrictString(allow_none=True, validate=validate.Regexp(r'^[0-9#\*]{1,40}$'))
    mode = StrictString(load_default='deny', validate=validate.OneOf(['allow', 'deny']))
    extensions = fields.List(StrictString(validate=validate.Regexp(EXTENSION_PATTERN)))
    enabled = StrictBoolean(load_default=True)
    description = StrictString(allow_none=True)
    links = ListLinks(Link('callpermissions'))
    users = many(UserRelation)
    # The groups and outcalls plugins contribute these (kit/contributions.py).
    groups = Placeholder([])
    outcalls = Placeholder([])

    @post_load
    def drop_repeated_extensions(self, data: dict, **kwargs: Any) -> dict:
        # A pattern given twice is kept once, where it first appears.
        if data.get('extensions') is not None:
            data['extensions'] = list(dict.fromkeys(data['extensions']))
        return data
