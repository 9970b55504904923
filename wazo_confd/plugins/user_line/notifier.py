"""Events of user-line links: user_line_associated and user_line_dissociated (user family)."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.notifier import Notifier

from .model import UserLine


def _line(line: Any) -> dict:
    return {
        'id': line.id,
        'name': line.name,
        'endpoint_sip': {'uuid': line.endpoint_sip.uuid} if line.endpoint_sip else None,
        'endpoint_sccp': {'id': line.endpoint_sccp.id} if line.endpoint_sccp else None,
        'endpoint_custom': {'id': line.endpoint_custom.id} if line.endpoint_custom else None,
    }


class UserLineNotifier(Notifier):
    reload_commands = {'ipbx': ['dialplan reload', 'module reload res_pjsip.so']}

    def associated(self, user: Any, line: Any, link: UserLine) -> None:
        self._send('user_line_associated', 'updated', user, line, link)

    def dissociated(self, user: Any, line: Any, link: UserLine) -> None:
        self._send('user_line_dissociated', 'deleted', user, line, link)

    def _send(self, name: str, verb: str, user: Any, line: Any, link: UserLine) -> None:
        self.emit(
            name,
            f'config.users.{user.uuid}.lines.{line.id}.{verb}',
            {
                'user': {'id': user.id, 'uuid': user.uuid, 'tenant_uuid': user.tenant_uuid},
                'line': _line(line),
                'main_user': bool(link.main_user),
                'main_line': bool(link.main_line),
            },
            user.tenant_uuid,
            family='user',
            user_uuids=[user.uuid],
        )
