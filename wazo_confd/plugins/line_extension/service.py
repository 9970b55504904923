"""Links lines and extensions. The line row is locked first, so that concurrent links to
one line take turns and the one-extension-per-context rule holds."""

from __future__ import annotations

from typing import Any

from wazo_confd.plugin_api import Providers

from .dao import LineExtensionDao
from .notifier import LineExtensionNotifier
from .validator import validate_association, validate_dissociation

BOUND = 'user'


class LineExtensionService:
    def __init__(self, dao: LineExtensionDao, notifier: LineExtensionNotifier, providers: Providers):
        self.dao = dao
        self.notifier = notifier
        self.providers = providers

    @property
    def lines(self) -> Any:
        return self.providers.get('line_service')

    @property
    def extensions(self) -> Any:
        return self.providers.get('extension_service')

    def associate(self, line: Any, extension: Any) -> None:
        self.lines.lock(line)
        if self.dao.linked(line, extension):
            return
        validate_association(line, extension, self.extensions.validate_in_range)
        self.dao.link(line, extension)
        extension.owner_type = BOUND
        self.notifier.associated(line, extension)

    def dissociate(self, line: Any, extension: Any) -> None:
        self.lines.lock(line)
        validate_dissociation(line, extension, self.dao.linked(line, extension))
        self.dao.unlink(line, extension)
        if not self.dao.line_ids_of(extension):
            extension.owner_type = None
        self.notifier.dissociated(line, extension)

    def create_for(self, line: Any, extension: Any) -> Any:
        """POST /lines/{id}/extensions: a new extension, linked in the same transaction."""
        self.lines.lock(line)
        validate_association(line, extension, self.extensions.validate_in_range)
        created = self.extensions.create(extension)
        self.dao.link(line, created)
        created.owner_type = BOUND
        self.notifier.associated(line, created)
        return created
