"""Events of voicemails (tenant family); an edit also tells each of its users."""

from __future__ import annotations

from wazo_confd.bus.envelope import escape_routing_value
from wazo_confd.bus.outbox import Outbox
from wazo_confd.kit.notifier import CRUDNotifier

from .model import Voicemail


class UserVoicemailEditedNotifier(CRUDNotifier):
    family = 'user'
    names = {'edited': 'user_voicemail_edited'}
    routing_keys = {'edited': 'config.users.{user_uuid}.voicemails.edited'}


class VoicemailNotifier(CRUDNotifier):
    names = {'created': 'voicemail_created', 'edited': 'voicemail_edited', 'deleted': 'voicemail_deleted'}
    routing_keys = {
        'created': 'config.voicemail.created',
        'edited': 'config.voicemail.edited',
        'deleted': 'config.voicemail.deleted',
    }

    def __init__(self, outbox: Outbox):
        super().__init__(outbox)
        self.per_user = UserVoicemailEditedNotifier(outbox)

    def edited(self, voicemail: Voicemail) -> None:
        super().edited(voicemail)
        for user in voicemail.users:
            self.per_user.send(
                'edited',
                user,
                data={'user_uuid': user.uuid, 'voicemail_id': voicemail.id},
                routing_key=self.per_user.routing_keys['edited'].format(user_uuid=escape_routing_value(user.uuid)),
                user_uuids=[user.uuid],
            )
