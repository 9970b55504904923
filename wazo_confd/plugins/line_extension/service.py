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
        validate_association(line, extension, self._context_of(extension), self.extensions.validate_in_range)
        self.dao.link(line, extension)
        extension.owner_type = BOUND
        self.notifier.associated(line, extension)

    def dissociate(self, line: Any, extension: Any) -> None:
        """Unlink them; nothing happens (no event) when they are not linked, as upstream."""
        self.lines.lock(line)
        if not self.dao.linked(line, extension):
            return
        validate_dissociation(line)
        self.dao.unlink(line, extension)
        if not self.dao.line_ids_of(extension):
            extension.owner_type = None
        self.notifier.dissociated(line, extension)

    def create_for(self, line: Any, extension: Any) -> Any:
        """POST /lines/{id}/extensions: a new extension, linked in the same transaction
        (created first, then linked, as upstream: a refused link undoes the creation)."""
        created = self.extensions.create(extension)
        self.associate(line, created)
        return created

    def create_or_link(self, line: Any, form: dict) -> Any:
        """An extension of a new line (POST /lines): link the one with this number in
        this context when there is one, as upstream, or else create it."""
        existing = self.extensions.dao.find_by(exten=form.get('exten'), context=form.get('context'))
        if existing is not None:
            self.associate(line, existing)
            return existing
        return self.create_for(line, self.extensions.dao.model(tenant_uuid=line.tenant_uuid, **form))

    def _context_of(self, extension: Any) -> Any:
        return self.extensions.find_context(extension.context, extension.tenant_uuid)
