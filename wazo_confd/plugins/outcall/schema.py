"""Wire format of outcalls, and of an outcall as other resources show it."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import many
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString, relation

# An extension of the outcall with its dial pattern: the extension's `links`, the pattern's fields.
DialPatternRelation = relation(
    'extensions',
    'exten',
    'context',
    'caller_id',
    'external_prefix',
    'prefix',
    'strip_digits',
    key='extension_id',
    id=fields.Integer(attribute='extension_id', dump_only=True),
)
# An outcall as an extension shows it.
OutcallRelation = relation('outcalls', 'id', 'name')


class OutcallSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = StrictString(required=True, validate=validate.Length(max=128))
    internal_caller_id = StrictBoolean(load_default=False)
    preprocess_subroutine = StrictString(validate=validate.Length(max=79), allow_none=True)
    ring_time = StrictInteger(validate=validate.Range(min=0), allow_none=True)
    description = StrictString(allow_none=True)
    enabled = StrictBoolean(load_default=True)
    links = ListLinks(Link('outcalls'))
    extensions = many(DialPatternRelation)
    # Trunks, schedules and call permissions belong to their association plugins, which
    # contribute them (kit/contributions.py); until then, empty.
    trunks = Placeholder([])
    schedules = Placeholder([])
    call_permissions = Placeholder([])
