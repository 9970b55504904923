"""Events of line-extension links (upstream's routing keys both say `..._associated`)."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.notifier import Notifier


class LineExtensionNotifier(Notifier):
    reload_commands = {'ipbx': ['dialplan reload', 'module reload res_pjsip.so', 'module reload app_queue.so']}

    def associated(self, line: Any, extension: Any) -> None:
        self._send('line_extension_associated', 'config.line_extension_associated.updated', line, extension)

    def dissociated(self, line: Any, extension: Any) -> None:
        self._send('line_extension_dissociated', 'config.line_extension_associated.deleted', line, extension)

    def _send(self, name: str, routing_key: str, line: Any, extension: Any) -> None:
        self.emit(name, routing_key, {'line_id': line.id, 'extension_id': extension.id}, line.tenant_uuid)
