"""The voicemail zone messages: read, replaced whole, and their names for voicemails."""

from __future__ import annotations

from .dao import VoicemailZoneMessagesDao
from .model import VoicemailZoneMessage
from .notifier import VoicemailZoneMessagesNotifier


class VoicemailZoneMessagesService:
    def __init__(self, dao: VoicemailZoneMessagesDao, notifier: VoicemailZoneMessagesNotifier):
        self.dao = dao
        self.notifier = notifier

    def list(self) -> list[VoicemailZoneMessage]:
        return self.dao.find_all()

    def edit(self, zones: list[dict]) -> None:
        self.dao.replace_all(zones)
        self.notifier.edited()

    def names(self) -> set[str]:
        """The zone names a voicemail's `timezone` may take."""
        return self.dao.names()
