"""Links lines and extensions. The line row is locked first, so that concurrent links to
one line take turns and the one-extension-per-context rule holds."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import CONTEXTS, EXTENSIONS, LINES, Extensions, Lines
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
    def lines(self) -> Lines:
        return self.providers.get(LINES)

    @property
    def extensions(self) -> Extensions:
        return self.providers.get(EXTENSIONS)

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

    def create_from_body(self, line: Any, body: Any) -> Any:
        """POST /lines/{id}/extensions: an extension made from the body in the line's
        tenant, linked in the same transaction."""
        return self.create_for(line, self.extensions.load_form(body))

    def create_for(self, line: Any, form: dict) -> Any:
        """A new extension of the line's tenant from a loaded form, linked to the line
        (created first, then linked, as upstream: a refused link undoes the creation)."""
        extensions = self.extensions
        created = extensions.create(extensions.build(form, line.tenant_uuid))
        self.associate(line, created)
        return created

    def create_or_link(self, line: Any, form: dict) -> Any:
        """An extension of a new line (POST /lines): link the one with this number in
        this context when there is one, as upstream, or else create it."""
        existing = self.extensions.find_by(exten=form.get('exten'), context=form.get('context'))
        if existing is not None:
            self.associate(line, existing)
            return existing
        return self.create_for(line, form)

    def dump_extension(self, extension: Any) -> dict:
        return self.extensions.dump(extension)

    def _context_of(self, extension: Any) -> Any:
        return self.providers.get(CONTEXTS).find_in_subtree(extension.context, extension.tenant_uuid)
