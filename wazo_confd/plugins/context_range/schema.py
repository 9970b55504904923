"""Wire format of context number ranges and of their list parameters."""

from __future__ import annotations

from marshmallow import fields, validate

from wazo_confd.kit.schema import BaseSchema, ListQuerySchema


class ContextRangeSchema(BaseSchema):
    start = fields.String()
    end = fields.String()


class ContextRangeQuerySchema(ListQuerySchema):
    availability = fields.String(load_default='available', validate=validate.OneOf(['available', 'all']))
