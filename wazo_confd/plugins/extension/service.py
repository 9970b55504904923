"""Extension rules beyond plain CRUD: range checks offered to association plugins, and the
lines an extension rings kept in step with it."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import CONTEXTS, LINE_CALLER_IDS
from wazo_confd.kit.service import CRUDService

from .dao import ExtensionDao
from .model import Extension
from .validator import check_in_range


class ExtensionService(CRUDService):
    dao: ExtensionDao

    def edit(self, extension: Extension) -> None:
        super().edit(extension)
        # As upstream, the lines it rings follow its number and context (their context,
        # their main user's caller ID).
        if extension.lines and LINE_CALLER_IDS in self.providers:
            caller_ids = self.providers.get(LINE_CALLER_IDS)
            for line in extension.lines:
                caller_ids.refresh(line)

    def find_context(self, name: str, tenant_uuid: str) -> Any:
        # Asked at request time: the contexts plugin may load after this one.
        return self.providers.get(CONTEXTS).find_in_subtree(name, tenant_uuid)

    def validate_in_range(self, extension: Extension, range_type: str) -> None:
        """For association plugins: the extension's number must lie in its context's
        `range_type` ranges (user, group, queue, conference or incall)."""
        check_in_range(extension, self.find_context(extension.context, extension.tenant_uuid), range_type)

    def extens_of(self, context: str) -> list[str]:
        return self.dao.extens_of(context)
