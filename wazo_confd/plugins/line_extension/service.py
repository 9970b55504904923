"""Links lines and extensions. The line row is locked first (kit), so that concurrent links
to one line take turns and the one-extension-per-context rule holds."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import CONTEXTS, EXTENSIONS, LINE_CALLER_IDS, USER_LINES, Extensions
from wazo_confd.kit.association import AssociationService
from wazo_confd.kit.extension_owners import extension_owners

from .dao import LineExtensionDao
from .validator import validate_association, validate_dissociation

BOUND = 'user'


class LineExtensionService(AssociationService):
    """PUT and DELETE /lines/{id}/extensions/{extension_id}, POST /lines/{id}/extensions;
    what POST and DELETE /lines call."""

    dao: LineExtensionDao

    @property
    def extensions(self) -> Extensions:
        return self.providers.get(EXTENSIONS)

    def linked(self, line: Any, extension: Any) -> bool:
        return self.dao.linked(line, extension)

    def validate_link(self, line: Any, extension: Any) -> None:
        context = self.providers.get(CONTEXTS).find_in_subtree(extension.context, extension.tenant_uuid)
        owners = extension_owners(self.providers)
        validate_association(
            line,
            extension,
            context,
            self.extensions.validate_in_range,
            self._single_main_user,
            # Upstream names the extension `id` here.
            lambda bound: owners.refusal(bound, key='id'),
        )

    def _single_main_user(self, line: Any, extension: Any) -> None:
        # Without user-line links no line has a main user.
        if USER_LINES in self.providers:
            self.providers.get(USER_LINES).validate_single_main_user(line, extension)

    def validate_unlink(self, line: Any, extension: Any) -> None:
        validate_dissociation(line)

    def link(self, line: Any, extension: Any) -> None:
        self.dao.link(line, extension)
        extension.owner_type = BOUND
        # The caller ID number of the line may be its main extension's.
        self.providers.get(LINE_CALLER_IDS).refresh(line)

    def unlink(self, line: Any, extension: Any) -> None:
        """Unlink them; the extension is free again when no other line rings it."""
        self.dao.unlink(line, extension)
        if not self.dao.line_ids_of(extension):
            extension.owner_type = None
        self.providers.get(LINE_CALLER_IDS).refresh(line)

    def create_or_link(self, line: Any, form: dict, tenant_uuid: str | None = None) -> Any:
        """An extension of a new line (POST /lines by a request of `tenant_uuid`): link the
        one with this number in this context when there is one, as upstream, or else create
        it (in its context's tenant)."""
        existing = self.extensions.find_by(exten=form.get('exten'), context=form.get('context'))
        if existing is not None:
            self.associate(line, existing)
            return existing
        return self.create_for(line, form, tenant_uuid)
