"""Business validators: each checks one rule and raises the upstream error when broken."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wazo_confd.errors import already_exists, param_not_found, resource_associated

from .references import referring_resource


class Validator:
    def validate(self, model: Any) -> None:
        raise NotImplementedError


class ValidationGroup:
    def __init__(
        self,
        common: list[Validator] | None = None,
        create: list[Validator] | None = None,
        edit: list[Validator] | None = None,
        delete: list[Validator] | None = None,
    ):
        self.common = common or []
        self.create = create or []
        self.edit = edit or []
        self.delete = delete or []

    def validate_create(self, model: Any) -> None:
        for validator in self.common + self.create:
            validator.validate(model)

    def validate_edit(self, model: Any) -> None:
        for validator in self.common + self.edit:
            validator.validate(model)

    def validate_delete(self, model: Any) -> None:
        for validator in self.delete:
            validator.validate(model)


class UniqueField(Validator):
    """No other object has the same value in `field` (or the same values in a tuple of
    fields, e.g. an extension's exten and context); null values are not compared."""

    def __init__(self, field: str | tuple[str, ...], finder: Callable[..., Any], resource: str, key: str | None = None):
        """`finder(**values)`: the object that has the values, or, with `key`, that object's
        `key` (e.g. `CRUDDao.key_by`: a lighter lookup than loading the object)."""
        self.fields = (field,) if isinstance(field, str) else field
        self.finder = finder
        self.resource = resource
        self.key = key

    def validate(self, model: Any) -> None:
        values = {name: getattr(model, name) for name in self.fields}
        if any(value is None for value in values.values()):
            return
        existing = self.finder(**values)
        if existing is None:
            return
        if (existing != getattr(model, self.key)) if self.key is not None else (existing is not model):
            raise already_exists(self.resource, **values)


class KnownReference(Validator):
    """`field`, when set, names an existing `resource` (upstream's Optional(GetResource)).

    `known(value, model)` says whether it exists; it answers True when the owning plugin is
    not loaded, so that the value is then stored unchecked.
    """

    def __init__(self, field: str, resource: str, known: Callable[[Any, Any], bool]):
        self.field = field
        self.resource = resource
        self.known = known

    def validate(self, model: Any) -> None:
        value = getattr(model, self.field)
        if value is not None and not self.known(value, model):
            raise param_not_found(self.field, self.resource, **{self.field: value})


class NotReferred(Validator):
    """Nothing refers to the object's `column` through a foreign key (kit/references.py):
    upstream's `<Resource> is associated with a <Other>` naming both rows."""

    def __init__(self, session: Callable[[], Any], column: Any, resource: str, key: str = 'id'):
        self.session = session
        self.column = column
        self.resource = resource
        self.key = key

    def validate(self, model: Any) -> None:
        found = referring_resource(self.session(), self.column, getattr(model, self.column.key))
        if found is None:
            return
        other, row_key = found
        named = {(f'{other.lower()}_id' if k == 'id' else k): v for k, v in row_key.items()}
        raise resource_associated(
            self.resource, other, **{f'{self.resource.lower()}_{self.key}': getattr(model, self.key)}, **named
        )
