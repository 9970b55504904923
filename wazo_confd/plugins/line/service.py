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

    def create_with_endpoint(self, line: Line, kind: str, endpoint_body: Any) -> tuple[Line, Any]:
        """Create the line, then the endpoint described by `endpoint_body` (through the
        endpoint plugin's creator), and associate them."""
        created = self.create(line)
        endpoint = self.endpoint_creator(kind).create(endpoint_body)
        self.providers.get(f'line_endpoint_{kind}_service').associate(created, endpoint)
        return created, endpoint

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
