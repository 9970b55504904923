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
# The field showing each kind of default SIP template a tenant gets (the SIP endpoints
# plugin's kinds; its `twilio_trunk` template has no field upstream).
SIP_TEMPLATE_FIELDS = {
    'global': 'global_sip_template_uuid',
    'webrtc': 'webrtc_sip_template_uuid',
    'registration_trunk': 'registration_trunk_sip_template_uuid',
    'meeting_guest': 'meeting_guest_sip_template_uuid',
}


class TenantSchema(BaseSchema):
    uuid = fields.UUID()
    name = StrictString(validate=validate.Length(min=1, max=255), required=True)
    slug = StrictString(validate=validate.Regexp(SLUG))
    parent_uuid = fields.UUID(allow_none=True)

    @post_dump(pass_original=True)
    def sip_templates(self, data: dict, original: Any, **kwargs: Any) -> dict:
        # {kind: template uuid}, set by the tenant service; empty before the templates exist.
        templates = getattr(original, 'sip_templates', None) or {}
        data['sip_templates_generated'] = bool(templates)
        for kind, key in SIP_TEMPLATE_FIELDS.items():
            data[key] = templates.get(kind)
        return data


class TenantEditSchema(BaseSchema):
    """PUT: a tenant keeps its uuid and its place in the tree."""

    name = StrictString(validate=validate.Length(min=1, max=255))
    slug = StrictString(validate=validate.Regexp(SLUG))
