"""Wire format of contexts and of their number ranges."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString

CONTEXT_TYPES = ['internal', 'incall', 'outcall', 'services', 'others']


def _digits(**kwargs: Any) -> StrictString:
    # ASCII digits only: str.isdigit() also takes '²' or '٣', which int() then refuses (a 500).
    # Upstream's words for a value that is not digits (its isdigit predicate's).
    digits = validate.Regexp(r'^[0-9]+$', error='Invalid input.')
    return StrictString(validate=[digits, validate.Length(max=16)], **kwargs)


class RangeSchema(BaseSchema):
    start = _digits(required=True)
    end = _digits(allow_none=True)  # a one-number range is read back with `end: null`

    @validates_schema
    def validate_schema(self, data: dict, **kwargs: Any) -> None:
        start, end = data.get('start'), data.get('end')
        if start is None or end is None:
            return
        # Upstream's words, as errors of the whole range (`_schema`).
        if len(start) != len(end):
            raise ValidationError('Start and end must be of the same length')
        if int(end) < int(start):
            raise ValidationError('Start of range must be lower than or equal to the end')


class IncallRangeSchema(RangeSchema):
    did_length = StrictInteger(validate=validate.Range(min=0), dump_default=0)


class ContextSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    label = StrictString(required=True, validate=validate.Length(min=1, max=128))
    type = StrictString(load_default='internal', validate=validate.OneOf(CONTEXT_TYPES))
    user_ranges = fields.Nested(RangeSchema, many=True)
    group_ranges = fields.Nested(RangeSchema, many=True)
    queue_ranges = fields.Nested(RangeSchema, many=True)
    conference_room_ranges = fields.Nested(RangeSchema, many=True)
    incall_ranges = fields.Nested(IncallRangeSchema, many=True)
    description = StrictString(allow_none=True)
    tenant_uuid = fields.String(dump_only=True)
    enabled = StrictBoolean()
    links = ListLinks(Link('contexts'))
    # Context-to-context inclusions belong to another plugin, which contributes the field
    # (kit/contributions.py); until then, empty.
    contexts = Placeholder([])

    @pre_load
    def copy_name_to_label(self, data: Any, **kwargs: Any) -> Any:
        # Older clients send `name`; it now seeds the label.
        if isinstance(data, dict) and 'label' not in data and 'name' in data:
            return {**data, 'label': data['name']}
        return data
