"""Events of user-voicemail links: user_voicemail_associated and _dissociated (user family)."""

from __future__ import annotations

from typing import Any

from wazo_confd.bus.envelope import escape_routing_value
from wazo_confd.kit.notifier import CRUDNotifier


class UserVoicemailNotifier(CRUDNotifier):
    family = 'user'
    names = {'associated': 'user_voicemail_associated', 'dissociated': 'user_voicemail_dissociated'}
    routing_keys = {
        'associated': 'config.users.{user_uuid}.voicemails.updated',
        'dissociated': 'config.users.{user_uuid}.voicemails.deleted',
    }
    reload_commands = {'ipbx': ['module reload res_pjsip.so', 'module reload chan_sccp.so']}

    def _send_link(self, action: str, user: Any, voicemail: Any) -> None:
        self.send(
            action,
            user,
            data={'user_uuid': user.uuid, 'voicemail_id': voicemail.id},
            routing_key=self.routing_keys[action].format(user_uuid=escape_routing_value(user.uuid)),
            user_uuids=[user.uuid],
        )

    def associated(self, user: Any, voicemail: Any) -> None:
        self._send_link('associated', user, voicemail)

    def dissociated(self, user: Any, voicemail: Any) -> None:
        self._send_link('dissociated', user, voicemail)
