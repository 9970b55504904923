"""Line rules: a generated provisioning code, and users let go when a line is deleted."""

from __future__ import annotations

import secrets
from typing import Any

from wazo_confd.kit.service import CRUDService
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.plugin_api import Providers

from .dao import LineDao
from .model import Line
from .notifier import LineNotifier

ENDPOINT_KINDS = ('sip', 'sccp', 'custom')


class LineService(CRUDService):
    dao: LineDao

    def __init__(self, dao: LineDao, validator: ValidationGroup, notifier: LineNotifier, providers: Providers):
        super().__init__(dao, validator, notifier)
        self.providers = providers

    def create(self, line: Line) -> Line:
        if not line.provisioning_code:
            line.provisioning_code = self._free_provisioning_code()
        return super().create(line)

    def create_with(
        self, line: Line, caller_ids: tuple[Any, Any], endpoint: tuple[str, Any] | None, extensions: list[dict]
    ) -> tuple[Line, Any, list[Any]]:
        """POST /lines, as upstream: the line (without caller ID), then its endpoint made
        from the body `endpoint[1]` and associated, then the caller ID written to the
        endpoint (an edit of the line), then each extension created (or found) and linked."""
        created = self.create(line)
        created_endpoint = None
        if endpoint is not None:
            kind, body = endpoint
            created_endpoint = self.endpoint_creator(kind).create(body)
            self.providers.get(f'line_endpoint_{kind}_service').associate(created, created_endpoint)
        name, num = caller_ids
        if name:
            created.caller_id_name = name
        if num and endpoint is not None and endpoint[0] == 'sip':
            created.caller_id_num = num
        if name or num:
            self.edit(created)
        linked = [self.providers.get('line_extension_service').create_or_link(created, form) for form in extensions]
        return created, created_endpoint, linked

    def endpoint_creator(self, kind: str) -> Any:
        return self.providers.get(f'endpoint_{kind}_creator')

    def delete(self, line: Line) -> None:
        # Users are dissociated first, each with its event (secondary users before the main one).
        if 'user_line_service' in self.providers:
            user_lines = self.providers.get('user_line_service')
            for user in reversed(line.users):
                user_lines.dissociate(user, line)
        # Then its extensions, freed for other use, each with its event.
        if 'line_extension_service' in self.providers:
            line_extensions = self.providers.get('line_extension_service')
            for extension in list(line.extensions):
                line_extensions.dissociate(line, extension)
        super().delete(line)

    def find_by_registrar(self, registrar_id: str) -> Line | None:
        """A line (of any tenant) naming that registrar, or None."""
        return self.dao.find_by(registrar=registrar_id)

    def lock(self, line: Line) -> None:
        self.dao.lock(line)

    def _free_provisioning_code(self) -> str:
        while True:
            code = str(100000 + secrets.randbelow(900000))
            if self.dao.provisioning_code_owner(code) is None:
                return code
