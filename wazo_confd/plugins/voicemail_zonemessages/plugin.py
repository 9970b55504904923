"""The voicemail zone messages plugin; offers their names to the voicemails plugin."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import VoicemailZoneMessagesDao
from .notifier import VoicemailZoneMessagesNotifier
from .resource import VoicemailZoneMessagesList
from .service import VoicemailZoneMessagesService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        service = VoicemailZoneMessagesService(
            VoicemailZoneMessagesDao(deps.database), VoicemailZoneMessagesNotifier(deps.outbox)
        )
        deps.providers.register('voicemail_zonemessages_service', service)
        deps.api.add_resource(
            VoicemailZoneMessagesList,
            '/asterisk/voicemail/zonemessages',
            endpoint='voicemailzonemessageslist',
            resource_class_kwargs={'service': service},
        )
