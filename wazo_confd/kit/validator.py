"""Business validators: each checks one rule and raises the upstream error when broken."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wazo_confd.errors import already_exists


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
    """No other object has the same value in `field` (null values are not compared)."""

    def __init__(self, field: str, finder: Callable[..., Any], resource: str):
        self.field = field
        self.finder = finder
        self.resource = resource

    def validate(self, model: Any) -> None:
        value = getattr(model, self.field)
        if value is None:
            return
        existing = self.finder(**{self.field: value})
        if existing is not None and existing is not model:
            raise already_exists(self.resource, **{self.field: value})
