"""Marshmallow pieces shared by every resource schema."""

from __future__ import annotations

import contextvars
import re
import threading
from typing import Any

from flask import g, url_for
from marshmallow import EXCLUDE, INCLUDE, Schema, ValidationError, fields, post_load, pre_load, validate
from werkzeug.routing import BuildError

from wazo_confd.errors import SchemaError

from .dumping import compile_dump


class BaseSchema(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True

    @pre_load
    def ensure_dict(self, data: Any, **kwargs: Any) -> Any:
        return {} if data is None else data

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        # The outermost dump of a request holds the link templates of its items (Link._href).
        if _link_templates.get() is not None:
            return super().dump(obj, many=many)
        token = _link_templates.set({})
        try:
            return super().dump(obj, many=many)
        finally:
            _link_templates.reset(token)

    def _serialize(self, obj: Any, *, many: bool = False) -> Any:
        # marshmallow reaches each attribute through four generic calls (get_value, the
        # accessor, utils.get_value, the key lookup), then the field: most of the dump of a
        # page of 100 users. For objects (not mappings), a function compiled per schema
        # instance and class of object gives the same result (kit/dumping.py); the hooks
        # still run.
        if obj is None:
            return super()._serialize(obj, many=many)
        if many:
            return [self._dump_one(item) for item in obj]
        return self._dump_one(obj)

    def _dump_one(self, obj: Any) -> Any:
        dumps = self.__dict__.get('_confd_dumps')
        if dumps is None:
            dumps = self.__dict__['_confd_dumps'] = {}
        dump = dumps.get(obj.__class__)
        if dump is None:
            if hasattr(obj, '__getitem__') or not hasattr(obj, '__dict__'):
                return super()._serialize(obj)
            dump = dumps[obj.__class__] = compile_dump(self, obj.__class__)
        return dump(obj)

    @post_load
    def refuse_nul(self, data: dict, **kwargs: Any) -> dict:
        # PostgreSQL text cannot hold NUL: a field that lets one through would fail in the
        # database with a 500, so refuse it here for every field (unknown keys are dropped).
        bad = {name: ['NUL characters are not allowed.'] for name, value in data.items() if _has_nul(value)}
        if bad:
            raise ValidationError(bad)
        return data


_per_thread = threading.local()
# Link templates of the dump in progress: {(endpoint, target): (before the key, after it)}.
_link_templates: contextvars.ContextVar[dict | None] = contextvars.ContextVar('confd_link_templates', default=None)


def shared(schema_class: type[Schema]) -> Schema:
    """This thread's instance of `schema_class`.

    Building a schema deep-copies all its declared fields (12% of a POST /users profile);
    loads and dumps take their options per call, so an instance is reused, one per thread.
    """
    instances = _per_thread.__dict__.setdefault('schemas', {})
    instance = instances.get(schema_class)
    # Built again once a plugin contributed a field to the class (a new `_declared_fields`).
    if instance is None or instance.__dict__.get('_confd_declared') is not schema_class._declared_fields:
        instance = instances[schema_class] = schema_class()
        instance.__dict__['_confd_declared'] = schema_class._declared_fields
    return instance


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return '\x00' in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


def load(schema: Schema, data: Any, partial: bool = False) -> dict:
    """Load a body, turning validation errors into the upstream `Input Error` lines.

    `partial` (PUT) lets the body leave out top-level fields only: marshmallow's
    `partial=True` would reach into nested objects and list items too, letting a relation
    without its key (`"transport": {}`) through; naming the top-level fields does not.
    """
    try:
        return schema.load(data, partial=tuple(schema.load_fields) if partial else False)
    except ValidationError as e:
        raise SchemaError(e.normalized_messages()) from e


class StrictBoolean(fields.Boolean):
    """A boolean that accepts only JSON true and false."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error('invalid', input=value)
        return value


# A string field without a length of its own still has one: a megabyte in a name is an error.
DEFAULT_MAX_LENGTH = 65535
# What StrictString accepts: no control characters other than tab, CR and LF.
NO_CONTROL_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$'


class StrictString(fields.String):
    """A string that refuses control characters other than tab and newlines, and that is
    never longer than DEFAULT_MAX_LENGTH unless its own Length validator says otherwise."""

    # Read by the OpenAPI generator (http/spec_facts.py).
    character_pattern = NO_CONTROL_PATTERN

    def __init__(self, **kwargs: Any):
        validators = kwargs.get('validate') or []
        validators = list(validators) if isinstance(validators, (list, tuple)) else [validators]
        if not any(isinstance(v, validate.Length) for v in validators):
            validators.append(validate.Length(max=DEFAULT_MAX_LENGTH))
        kwargs['validate'] = validators
        super().__init__(**kwargs)

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
        super().__init__(
            fields.List(StrictString(validate=validate.Length(max=2048)), validate=validate.Length(equal=2)), **kwargs
        )
        self.only_keys = only

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[Any | None]:
        pairs: list[Any] = super()._deserialize(value, attr, data, **kwargs)  # [key, option] lists
        if any(not key for key, _ in pairs):
            raise ValidationError('Option keys must not be empty.')
        return [[key, option] for key, option in pairs]

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[list[str]] | None:
        if value is None:
            return None
        return [[key, option] for key, option in value if self.only_keys is None or key in self.only_keys]


# A value no id takes in practice (ids are 31-bit): stands for the id in a link template.
_SENTINEL_ID = 2**62 + 7919
# A valid uuid (the uuid converter's sentinel too) that no row is given: version 4, all zeros.
_SENTINEL_TEXT = '00000000-0000-4000-8000-000000000000'
_UNRESERVED = re.compile(r'[A-Za-z0-9._~-]+')


class Link(fields.Field):
    """`links`: one `{"rel", "href"}` per related item route, absolute URLs."""

    def __init__(self, endpoint: str, field: str = 'id', target: str = 'id', **kwargs: Any):
        kwargs.setdefault('dump_only', True)
        kwargs['metadata'] = {'type': 'object', **(kwargs.get('metadata') or {})}  # for the OpenAPI document
        super().__init__(**kwargs)
        self.endpoint = endpoint
        self.field = field
        self.target = target

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> dict:
        key = getattr(obj, self.field) if not isinstance(obj, dict) else obj[self.field]
        return {'rel': self.endpoint, 'href': self._href(key)}

    def _href(self, key: Any) -> str:
        # Building a URL through the route map costs as much as dumping the rest of an item:
        # build it once per request and kind of key with a sentinel, then substitute. Only
        # keys that the URL builder writes unchanged are substituted: integers, and strings
        # of unreserved characters (uuids, names) that any converter takes as they are.
        kind = type(key)
        if kind is int:
            sentinel: Any = _SENTINEL_ID
        elif kind is str and _UNRESERVED.fullmatch(key):
            sentinel = _SENTINEL_TEXT
        else:
            return url_for(self.endpoint, _external=True, **{self.target: key})
        if key == sentinel:
            return url_for(self.endpoint, _external=True, **{self.target: key})
        # Through a context variable set by the outermost dump (Flask's `g` cost as much
        # as the rest of the link); `g` for a dump that is not a BaseSchema's.
        templates = _link_templates.get()
        if templates is None:
            templates = g.setdefault('_link_templates', {})
        template = templates.get((self.endpoint, self.target, kind))
        if template is None:
            try:
                built = url_for(self.endpoint, _external=True, **{self.target: sentinel})
            except (BuildError, ValueError):
                built = ''  # the route's converter refuses the sentinel: no template
            template = templates[(self.endpoint, self.target, kind)] = tuple(built.rsplit(str(sentinel), 1))
        if len(template) != 2:
            return url_for(self.endpoint, _external=True, **{self.target: key})
        return f'{template[0]}{key}{template[1]}'


class ListLinks(fields.Field):
    # Made from the object, not from an attribute of it (the compiled dump calls
    # `_serialize` directly rather than `serialize` through the accessor).
    _CHECK_ATTRIBUTE = False

    def __init__(self, *links: Link, **kwargs: Any):
        kwargs.setdefault('dump_only', True)
        kwargs['metadata'] = {'type': 'array', **(kwargs.get('metadata') or {})}  # for the OpenAPI document
        super().__init__(**kwargs)
        self.links = links

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[dict]:
        return [link._serialize(value, attr, obj) for link in self.links]


def relation(endpoint: str, *names: str, key: str = 'id', target: str = 'id', **special: fields.Field) -> type[Schema]:
    """A read-only projection of a related object: some of its fields and its `links`."""
    attrs: dict[str, Any] = {name: fields.Raw(dump_only=True) for name in names}
    attrs.update(special)
    attrs['links'] = ListLinks(Link(endpoint, field=key, target=target))
    # One class name per projection: the OpenAPI document names schemas after classes.
    label = ''.join(part.title() for part in (endpoint, *names, *special) if part).replace('_', '')
    return BaseSchema.from_dict(attrs, name=f'{label}Relation')


class ListQuerySchema(Schema):
    """Query parameters of every list route; unknown ones are kept as exact filters.

    Not a BaseSchema: a NUL in a search term is no error, it just matches nothing.
    """

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
    query_schema = shared(ListQuerySchema)
    known = set(query_schema.fields) | set(extra_schema_fields)
    filters = {k: v for k, v in raw.items() if k not in known}
    loaded = load(query_schema, {k: v for k, v in raw.items() if k in query_schema.fields})
    loaded['filters'] = filters
    return loaded
