"""Event of the zone messages: voicemail_zonemessages_edited (service family, no content),
and Asterisk's voicemail reload."""

from __future__ import annotations

from wazo_confd.kit.notifier import Notifier


class VoicemailZoneMessagesNotifier(Notifier):
    reload_commands = {'ipbx': ['voicemail reload']}

    def edited(self) -> None:
        self.emit('voicemail_zonemessages_edited', 'config.voicemail_zonemessages.edited', {}, None, family='service')
        self.outbox.request_reload(self.reload_commands)
