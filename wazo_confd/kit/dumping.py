"""A dump function compiled once per schema instance, for objects (not mappings).

marshmallow dumps an item field by field through `Field.serialize` (the accessor, the
default, then the field's `_serialize`): about half of a page of 100 users. Most values
need none of it: a `str` in a String field, an `int` in an Integer field, anything in a
field that does not convert (Raw, Boolean) is dumped as it is. The compiled function reads
each attribute directly, keeps such values, and hands every other value, the attributes
that are missing and the fields that are not plain attributes to the field itself, so its
result is the generic one: same keys, same order, same values.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, missing
from sqlalchemy.orm.attributes import InstrumentedAttribute


def _identity_types(field: fields.Field) -> tuple[type, ...] | None:
    """The types of value (besides None) `field` dumps unchanged; None: any value."""
    method = type(field)._serialize
    if method is fields.Field._serialize:
        return None
    if method is fields.String._serialize:
        return (str,)
    if method is fields.Number._serialize and isinstance(field, fields.Number):
        return (int,) if field.num_type is int and not field.as_string else ()
    return ()


# Compiled factories by source: a schema built per request (a view chosen by the query)
# gets its function from the factory of an earlier instance of the same shape.
_factories: dict[str, Callable[..., Callable[[Any], dict]]] = {}
# By schema class, class of object and dumped fields (instances of one schema class differ
# only by which fields they dump): the factory, and what to pass it from an instance.
_compiled: dict[tuple, tuple[Callable[..., Callable[[Any], dict]], list[tuple[str, Any]]]] = {}


def compile_dump(schema: Schema, cls: type) -> Callable[[Any], dict]:
    """The dump by `schema` of one object of class `cls`, before its post_dump hooks (as
    `_serialize`)."""
    key = (type(schema), cls, tuple(schema.dump_fields))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(schema, cls)
    factory, recipe = compiled
    instance_fields = list(schema.dump_fields.values())
    args = []
    for kind, value in recipe:
        if kind == 'field':
            args.append(instance_fields[value])
        elif kind == 'constant':
            args.append(instance_fields[value].constant)
        else:
            args.append(schema.get_attribute if kind == 'accessor' else value)
    return factory(*args)


def forget(schema_class: type) -> None:
    """Drop the compiled dumps of a schema class whose fields changed (kit/contributions.py)."""
    for key in [key for key in _compiled if key[0] is schema_class]:
        del _compiled[key]


def _compile(schema: Schema, cls: type) -> tuple[Callable[..., Callable[[Any], dict]], list[tuple[str, Any]]]:
    generic_access = type(schema).get_attribute is not Schema.get_attribute
    lines = ['def dump(obj):', '    result = {}', '    loaded = obj.__dict__']
    env: dict[str, tuple[str, Any]] = {
        'missing': ('static', missing),
        'accessor': ('accessor', None),
        'slow': ('static', _slow),
    }
    for index, (attr_name, field) in enumerate(schema.dump_fields.items()):
        key = field.data_key if field.data_key is not None else attr_name
        check_key = attr_name if field.attribute is None else field.attribute
        env[f'f{index}'] = ('field', index)
        out = f'result[{key!r}]'
        if isinstance(field, fields.Constant) and type(field)._serialize is fields.Constant._serialize:
            env[f'c{index}'] = ('constant', index)
            lines.append(f'    {out} = c{index}')
            continue
        plain = (
            not generic_access
            and field._CHECK_ATTRIBUTE
            and type(field).get_value is fields.Field.get_value
            and '.' not in check_key
        )
        if not field._CHECK_ATTRIBUTE and not generic_access:
            # Method, Function: the value is made from the object.
            lines += [
                f'    value = f{index}._serialize(None, {attr_name!r}, obj)',
                f'    if value is not missing: {out} = value',
            ]
            continue
        if not plain:
            lines += [
                f'    value = f{index}.serialize({attr_name!r}, obj, accessor=accessor)',
                f'    if value is not missing: {out} = value',
            ]
            continue
        if _read_from_dict(cls, check_key):
            # What the ORM's attribute returns when loaded (see InstrumentedAttribute.__get__).
            lines += [
                f'    value = loaded.get({check_key!r}, missing)',
                f'    if value is missing: value = getattr(obj, {check_key!r}, missing)',
            ]
        else:
            lines.append(f'    value = getattr(obj, {check_key!r}, missing)')
        types = _identity_types(field)
        if types is None:
            fast = 'value is not missing'
        else:
            fast = ' or '.join(['value is None', *(f'value.__class__ is t{index}_{n}' for n in range(len(types)))])
            for n, kind in enumerate(types):
                env[f't{index}_{n}'] = ('static', kind)
        lines += [
            f'    if {fast}: {out} = value',
            '    else:',
            f'        value = slow(f{index}, value, {attr_name!r}, obj)',
            f'        if value is not missing: {out} = value',
        ]
    lines.append('    return result')
    source = '\n'.join([f'def factory({", ".join(env)}):', *('    ' + line for line in lines), '    return dump'])
    factory = _factories.get(source)
    if factory is None:
        namespace: dict[str, Any] = {}
        exec(compile(source, f'<dump of {type(schema).__name__}>', 'exec'), namespace)  # noqa: S102
        factory = _factories[source] = namespace['factory']
    return factory, list(env.values())


def _read_from_dict(cls: type, name: str) -> bool:
    """True when reading `name` from the instance's __dict__ gives what getattr gives: a
    mapped attribute, whose loaded value the ORM keeps there under its own name."""
    attribute = inspect.getattr_static(cls, name, None)
    return (
        isinstance(attribute, InstrumentedAttribute)
        and attribute.key == name
        and attribute.impl.supports_population
        and type(cls).__getattribute__ is type.__getattribute__
        and cls.__getattribute__ is object.__getattribute__
    )


def _slow(field: fields.Field, value: Any, attr_name: str, obj: Any) -> Any:
    # As Field.serialize once the attribute is read: its default when missing, then _serialize.
    if value is missing:
        default = field.dump_default
        value = default() if callable(default) else default
        if value is missing:
            return missing
    return field._serialize(value, attr_name, obj)
