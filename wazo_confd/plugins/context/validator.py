"""Business rules of contexts: one still named by another object cannot be deleted."""

from __future__ import annotations

from wazo_confd.errors import resource_associated
from wazo_confd.kit.validator import ValidationGroup, Validator

from .dao import ContextDao
from .model import Context


class ContextDeleteValidator(Validator):
    def __init__(self, dao: ContextDao):
        self.dao = dao

    def validate(self, context: Context) -> None:
        found = self.dao.referring_resource(context)
        if found is not None:
            resource, key = found
            named = {(f'{resource.lower()}_id' if k == 'id' else k): v for k, v in key.items()}
            raise resource_associated('Context', resource, context_id=context.id, **named)


def build_validator(dao: ContextDao) -> ValidationGroup:
    return ValidationGroup(delete=[ContextDeleteValidator(dao)])
