"""The voicemail zone messages: GET/PUT /asterisk/voicemail/zonemessages, and their names
offered to the voicemails plugin (`voicemail_zonemessages_service`)."""

from __future__ import annotations

from sqlalchemy import select

from wazo_confd.interfaces import VOICEMAIL_ZONE_MESSAGES
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.settings import OrderedRowsDao, Settings, SettingsService

from .model import VoicemailZoneMessage
from .schema import VoicemailZoneMessagesSchema


class ZoneMessagesDao(OrderedRowsDao):
    model = VoicemailZoneMessage

    def names(self) -> set[str]:
        # Asked by the voicemail validators: the voicemail under validation is not flushed.
        with self.session.no_autoflush:
            return set(self.session.scalars(select(VoicemailZoneMessage.name)))


class ZoneMessagesService(SettingsService):
    def names(self) -> set[str]:
        """The zone names a voicemail's `timezone` may take."""
        return self.dao.names()


ZONE_MESSAGES = Settings(
    url='/asterisk/voicemail/zonemessages',
    endpoint='voicemailzonemessageslist',
    acl='confd.asterisk.voicemail.zonemessages',
    schema=VoicemailZoneMessagesSchema,
    dao=ZoneMessagesDao,
    label='VoicemailZoneMessagesList',
    description='The zone messages',
    event='voicemail_zonemessages_edited',
    routing='config.voicemail_zonemessages.edited',
    reloads=(Reload('voicemail reload'),),
    service=ZoneMessagesService,
    provider=VOICEMAIL_ZONE_MESSAGES,
    # The shipped zone: the isolation matrix leaves the zone messages as other tests expect them.
    example={'items': [{'name': 'eu-fr', 'timezone': 'Europe/Paris', 'message': "'vm-received' q 'digits/at' kM"}]},
)


class Plugin(DeclaredPlugin):
    settings = (ZONE_MESSAGES,)
