"""An edit of a voicemail also tells each of its users (user_voicemail_edited); a moved or
deleted voicemail asks wazo-sysconfd to move or delete its mailbox."""

from __future__ import annotations

from wazo_confd.bus.envelope import escape_routing_value
from wazo_confd.kit.notifier import CRUDNotifier

from .model import Voicemail


class VoicemailNotifier(CRUDNotifier):
    def edited(self, voicemail: Voicemail, changed: frozenset[str] | None = None) -> None:
        super().edited(voicemail, changed)
        for user in voicemail.users:
            self.emit(
                'user_voicemail_edited',
                f'config.users.{escape_routing_value(user.uuid)}.voicemails.edited',
                {'user_uuid': user.uuid, 'voicemail_id': voicemail.id},
                user.tenant_uuid,
                family='user',
                user_uuids=[user.uuid],
            )

    def deleted(self, voicemail: Voicemail) -> None:
        super().deleted(voicemail)
        self.outbox.request_sysconfd_call(
            'delete_voicemail', {'mailbox': voicemail.number, 'context': voicemail.context}
        )

    def mailbox_moved(self, old_number: str, old_context: str, voicemail: Voicemail) -> None:
        self.outbox.request_sysconfd_call(
            'move_voicemail',
            {
                'old_mailbox': old_number,
                'old_context': old_context,
                'new_mailbox': voicemail.number,
                'new_context': voicemail.context,
            },
        )
