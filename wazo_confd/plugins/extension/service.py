"""Extension rules beyond plain CRUD: range checks offered to association plugins."""

from __future__ import annotations

from wazo_confd.kit.service import CRUDService
from wazo_confd.kit.validator import ValidationGroup

from .dao import ExtensionDao
from .model import Extension
from .notifier import ExtensionNotifier
from .validator import ContextFinder, check_in_range


class ExtensionService(CRUDService):
    dao: ExtensionDao

    def __init__(
        self, dao: ExtensionDao, validator: ValidationGroup, notifier: ExtensionNotifier, find_context: ContextFinder
    ):
        super().__init__(dao, validator, notifier)
        self.find_context = find_context

    def validate_in_range(self, extension: Extension, range_type: str) -> None:
        """For association plugins: the extension's number must lie in its context's
        `range_type` ranges (user, group, queue, conference or incall)."""
        check_in_range(extension, self.find_context(extension.context, extension.tenant_uuid), range_type)

    def extens_of(self, context: str) -> list[str]:
        return self.dao.extens_of(context)
