"""Marshmallow pieces shared by every resource schema."""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import EXCLUDE, INCLUDE, Schema, ValidationError, fields, pre_load, validate

from wazo_confd.errors import SchemaError


class BaseSchema(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True

    @pre_load
    def ensure_dict(self, data: Any, **kwargs: Any) -> Any:
        return {} if data is None else data


def load(schema: Schema, data: Any, partial: bool = False) -> dict:
    """Load a body, turning validation errors into the upstream `Input Error` lines."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as e:
        raise SchemaError(e.normalized_messages()) from e


class StrictBoolean(fields.Boolean):
    """A boolean that accepts only JSON true and false."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error('invalid', input=value)
        return value


class StrictString(fields.String):
    """A string that refuses control characters other than tab and newlines."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        result = super()._deserialize(value, attr, data, **kwargs)
        if any(ord(c) < 32 and c not in '\t\r\n' for c in result) or '\x7f' in result:
            raise ValidationError('Control characters are not allowed.')
        return result


class StrictInteger(fields.Integer):
    """An integer that refuses booleans, strings and values beyond 64 bits."""

    def __init__(self, **kwargs: Any):
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error('invalid', input=value)
        result = super()._deserialize(value, attr, data, **kwargs)
        if not -(2**31) <= result < 2**31:
            raise ValidationError('Number out of range.')
        return result


class OptionPairs(fields.List):
    """Asterisk options as a list of `[key, value]` string pairs (keys may repeat).

    `only` (a set of keys) keeps just those options when dumping, as upstream's nested
    projections such as `auth_section_options.username` do.
    """

    def __init__(self, max_items: int = 512, only: set[str] | None = None, **kwargs: Any):
        kwargs.setdefault('load_default', list)
        kwargs.setdefault('validate', validate.Length(max=max_items))
        super().__init__(fields.List(StrictString(validate=validate.Length(max=2048)), validate=validate.Length(equal=2)), **kwargs)
        self.only_keys = only

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[list[str]]:
        pairs = super()._deserialize(value, attr, data, **kwargs)
        if any(not key for key, _ in pairs):
            raise ValidationError('Option keys must not be empty.')
        return [[key, option] for key, option in pairs]

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[list[str]] | None:
        if value is None:
            return None
        return [[key, option] for key, option in value if self.only_keys is None or key in self.only_keys]


class Link(fields.Field):
    """`links`: one `{"rel", "href"}` per related item route, absolute URLs."""

    def __init__(self, endpoint: str, field: str = 'id', target: str = 'id', **kwargs: Any):
        kwargs.setdefault('dump_only', True)
        super().__init__(**kwargs)
        self.endpoint = endpoint
        self.field = field
        self.target = target

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> dict:
        key = getattr(obj, self.field) if not isinstance(obj, dict) else obj[self.field]
        return {'rel': self.endpoint, 'href': url_for(self.endpoint, _external=True, **{self.target: key})}


class ListLinks(fields.Field):
    def __init__(self, *links: Link, **kwargs: Any):
        kwargs.setdefault('dump_only', True)
        super().__init__(**kwargs)
        self.links = links

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[dict]:
        return [link._serialize(value, attr, obj) for link in self.links]

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return None


def relation(endpoint: str, *names: str, key: str = 'id', target: str = 'id', **special: fields.Field) -> type[Schema]:
    """A read-only projection of a related object: some of its fields and its `links`."""
    attrs: dict[str, Any] = {name: fields.Raw(dump_only=True) for name in names}
    attrs.update(special)
    attrs['links'] = ListLinks(Link(endpoint, field=key, target=target))
    # One class name per projection: the OpenAPI document names schemas after classes.
    label = ''.join(part.title() for part in (endpoint, *names, *special) if part).replace('_', '')
    return BaseSchema.from_dict(attrs, name=f'{label}Relation')


class ListQuerySchema(BaseSchema):
    """Query parameters of every list route; unknown ones are kept as exact filters."""

    class Meta:
        unknown = INCLUDE

    limit = fields.Integer(validate=validate.Range(min=0))
    offset = fields.Integer(validate=validate.Range(min=0), load_default=0)
    search = fields.String()
    order = fields.String()
    direction = fields.String()
    recurse = fields.Boolean(load_default=False)


def parse_list_args(args: Any, extra_schema_fields: tuple[str, ...] = ()) -> dict:
    """Split the query string into search parameters and exact-match filters."""
    raw = {k: v for k, v in args.items()}
    known = set(ListQuerySchema().fields) | set(extra_schema_fields)
    filters = {k: v for k, v in raw.items() if k not in known}
    loaded = load(ListQuerySchema(), {k: v for k, v in raw.items() if k in ListQuerySchema().fields})
    loaded['filters'] = filters
    return loaded
