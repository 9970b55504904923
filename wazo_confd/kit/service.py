"""Generic CRUD service: validate, persist, notify. No SQL, no URLs, no file names."""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchParams

from .dao import CRUDDao
from .notifier import CRUDNotifier
from .validator import ValidationGroup


class CRUDService:
    # The resource's wire format and model, set by the plugin (the declared builder does).
    schema: Any = None
    model: Any = None
    # The other plugins' providers, for a service that asks them at request time.
    providers: Any = None

    def __init__(self, dao: CRUDDao, validator: ValidationGroup, notifier: CRUDNotifier):
        self.dao = dao
        self.validator = validator
        self.notifier = notifier

    def search(self, params: SearchParams, tenant_uuids: list[str] | None) -> tuple[int, list]:
        return self.dao.search(params, tenant_uuids)

    def get(self, resource_id: Any, tenant_uuids: list[str] | None) -> Any:
        return self.dao.get(resource_id, tenant_uuids)

    def create(self, obj: Any) -> Any:
        self.validator.validate_create(obj)
        created = self.dao.create(obj)
        self.notifier.created(created)
        return created

    def edit(self, obj: Any) -> None:
        changed = self.dao.changed_fields(obj)
        self.validator.validate_edit(obj)
        self.dao.edit(obj)
        self.notifier.edited(obj, changed)

    def delete(self, obj: Any) -> None:
        self.validator.validate_delete(obj)
        self.dao.delete(obj)
        self.notifier.deleted(obj)
