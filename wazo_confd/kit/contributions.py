"""Fields that one resource shows about another, contributed by the plugin owning the relation.

A user shows its `groups`, an extension the `group` it reaches, a context its `contexts`:
each relation belongs to another plugin (groups, group extensions, context inclusions),
which plugins never import. The resource's schema declares such a field as a
`Placeholder` (what is shown while no plugin provides the relation: `[]` or `null`); the
plugin owning the relation replaces it at load time, before any request:

    contribute(ExtensionSchema, 'group', fields.Nested(GroupRelation, dump_only=True))
    contribute(user_schema, 'groups', many(GroupRelation), get=lambda user: user.groups)

`get` says how the value is read from the object when it is not its attribute of that
name (a relationship the plugin adds to the other model is read as any attribute).
Adding groups then edits nothing in the users plugin. Only a placeholder, or a field
contributed before (a plugin loaded again), may be replaced: a real field stays.

Plugins load in any order, so a plugin contributes through the `Contributions` registry
of the providers, naming the resource by its item endpoint (`users`, `extensions`); a
declared resource offers its schemas there when built (kit/builder.py), and a
contribution made before that is applied then:

    contributions(deps.providers).contribute('extensions', 'group', GroupField())

A contributed relation whose links other requests write (a user's call permissions) is
declared `empty_on_create`: a row just created is in none yet, so the resource's dao sets
it empty instead of querying it (as the resource's own `empty_on_create`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, missing

from wazo_confd.plugin_api import Provided, Providers

from .dumping import forget


class Placeholder(fields.Constant):
    """A relation owned by another plugin, shown as `value` until that plugin contributes it."""

    def __init__(self, value: Any, **kwargs: Any):
        kwargs.setdefault('dump_only', True)
        super().__init__(value, **kwargs)


def contribute(schema: type[Schema], name: str, field: fields.Field, get: Callable[[Any], Any] | None = None) -> None:
    """Show `field` as `name` in `schema` and its subclasses, instead of their placeholder."""
    if get is not None:
        field = _reading(field, get)
    field._confd_contributed = True  # type: ignore[attr-defined]
    for cls in _with_subclasses(schema):
        current = cls._declared_fields.get(name)
        if current is None:
            continue
        if not isinstance(current, Placeholder) and not getattr(current, '_confd_contributed', False):
            raise ValueError(f'{cls.__name__}.{name} is not a placeholder: it cannot be contributed')
        # A new dict, not a change of the old one: `shared` instances built from the old one
        # are built again (kit/schema.py), and compiled dumps of the class are forgotten.
        cls._declared_fields = {**cls._declared_fields, name: field}
        forget(cls)


def _with_subclasses(schema: type[Schema]) -> list[type[Schema]]:
    found = [schema]
    for sub in schema.__subclasses__():
        found += _with_subclasses(sub)
    return found


def _reading(field: fields.Field, get: Callable[[Any], Any]) -> fields.Field:
    def get_value(self: fields.Field, obj: Any, attr: str, accessor: Any = None, default: Any = missing) -> Any:
        return get(obj)

    field.__class__ = type(type(field).__name__, (type(field),), {'get_value': get_value})
    return field


class Contributions:
    """The schemas resources offer to contributions, by name, and the contributions waiting
    for a schema not offered yet."""

    def __init__(self) -> None:
        self._schemas: dict[str, tuple[type[Schema], ...]] = {}
        self._waiting: dict[str, list[tuple[str, fields.Field, Callable[[Any], Any] | None]]] = {}
        self._empty_on_create: dict[str, set[str]] = {}
        self._readers: dict[str, list[Callable[[type[Schema]], None]]] = {}

    def offer(self, resource: str, *schemas: type[Schema]) -> None:
        self._schemas[resource] = schemas
        for name, field, get in self._waiting.pop(resource, []):
            self._apply(resource, name, field, get)
        for reader in self._readers.pop(resource, []):
            reader(schemas[0])

    def when_offered(self, resource: str, reader: Callable[[type[Schema]], None]) -> None:
        """Hand `reader` the resource's schema once offered (now, when it already is): for a
        route of another plugin answering that resource's representation (its document)."""
        if resource in self._schemas:
            reader(self._schemas[resource][0])
        else:
            self._readers.setdefault(resource, []).append(reader)

    def contribute(
        self,
        resource: str,
        name: str,
        field: fields.Field,
        get: Callable[[Any], Any] | None = None,
        empty_on_create: bool = False,
    ) -> None:
        if empty_on_create:
            self.empty_on_create(resource).add(name)
        if resource in self._schemas:
            self._apply(resource, name, field, get)
        else:
            self._waiting.setdefault(resource, []).append((name, field, get))

    def empty_on_create(self, resource: str) -> set[str]:
        """The relations contributed to `resource` that a row just created is in none of:
        the same set as plugins go on loading (the resource's dao holds it)."""
        return self._empty_on_create.setdefault(resource, set())

    def _apply(self, resource: str, name: str, field: fields.Field, get: Callable[[Any], Any] | None) -> None:
        for schema in self._schemas[resource]:
            contribute(schema, name, field, get)


# The kit's own entry among the providers: one registry shared by every plugin.
CONTRIBUTIONS = Provided[Contributions]('contributions')


def contributions(providers: Providers) -> Contributions:
    """The registry of contributions among these plugins (made by the first to ask)."""
    if CONTRIBUTIONS not in providers:
        providers.register(CONTRIBUTIONS, Contributions())
    return providers.get(CONTRIBUTIONS)
