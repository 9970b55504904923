"""Wire format of tenants.

The upstream fields (`uuid` and the SIP template fields) plus, as our extension, `name`,
`slug` and `parent_uuid`. Tenants are created, renamed and deleted through the API only
with the local auth backend (wazo-auth owns them otherwise).
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_dump, validate

from wazo_confd.kit.schema import BaseSchema, StrictString

SLUG = r'^[a-zA-Z0-9_]{1,10}$'
# Filled by the SIP templates of the endpoint plugins; defaults until those exist.
SIP_TEMPLATE_DEFAULTS = {
    'sip_templates_generated': False,
    'global_sip_template_uuid': None,
    'webrtc_sip_template_uuid': None,
    'registration_trunk_sip_template_uuid': None,
    'meeting_guest_sip_template_uuid': None,
}


class TenantSchema(BaseSchema):
    uuid = fields.UUID()
    name = StrictString(validate=validate.Length(min=1, max=255), required=True)
    slug = StrictString(validate=validate.Regexp(SLUG))
    parent_uuid = fields.UUID(allow_none=True)

    @post_dump(pass_original=True)
    def sip_templates(self, data: dict, original: Any, **kwargs: Any) -> dict:
        for key, default in SIP_TEMPLATE_DEFAULTS.items():
            data[key] = getattr(original, key, default)
        return data


class TenantEditSchema(BaseSchema):
    """PUT: a tenant keeps its uuid and its place in the tree."""

    name = StrictString(validate=validate.Length(min=1, max=255))
    slug = StrictString(validate=validate.Regexp(SLUG))
